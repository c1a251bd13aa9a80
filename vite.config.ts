import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web app: `index.html` at the repository root, sources in `src/web`, built into
 * `dist/web`, which the server serves (falling back to index.html for client routes).
 */
export default defineConfig({
  plugins: [react()],
  publicDir: 'src/web/public',
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    // The server's CSP allows no inline scripts; keep the module preload polyfill out of the HTML.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: a separate chunk stays cached across releases.
        codeSplitting: {
          groups: [
            {
              name: 'vendor',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack|i18next|react-i18next|i18next-browser-languagedetector)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': { target: 'http://localhost:3000', ws: true } },
  },
});
