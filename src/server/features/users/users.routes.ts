import type { App } from '../../app.js';

/** Routes of the users feature. */
export function registerUserRoutes(_app: App): void {}
