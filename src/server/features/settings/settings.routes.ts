import type { App } from '../../app.js';

/** Routes of the settings feature. */
export function registerSettingsRoutes(_app: App): void {}
