import type { App } from '../../app.js';

/** Routes of the imports feature. */
export function registerImportRoutes(_app: App): void {}
