import { z } from 'zod';

// Imported first by main.tsx, before any module builds a schema: zod's JIT probes `new Function`
// when an object schema is built, which our CSP (script-src 'self') forbids and reports.
// Interpreted parsing is plenty for the few schemas the browser runs.
z.config({ jitless: true });
