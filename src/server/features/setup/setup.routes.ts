import type { App } from '../../app.js';

/** Routes of the setup feature. */
export function registerSetupRoutes(_app: App): void {}
