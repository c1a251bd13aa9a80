import type { App } from '../../app.js';

/** Routes of the auth feature. */
export function registerAuthRoutes(_app: App): void {}
