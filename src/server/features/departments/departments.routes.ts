import type { App } from '../../app.js';

/** Routes of the departments feature. */
export function registerDepartmentRoutes(_app: App): void {}
