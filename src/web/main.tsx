import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { AppRouter } from './app/AppRouter.js';
import { Providers } from './app/Providers.js';

// The shared contracts use zod; its JIT probes `new Function`, which our CSP (script-src 'self')
// forbids and reports. Interpreted parsing is plenty for the few schemas the browser runs.
z.config({ jitless: true });

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Providers>
        <AppRouter />
      </Providers>
    </StrictMode>,
  );
}
