import type { App } from '../../app.js';
import { registerAnnouncementRoutes } from './announcements.routes.js';
import { registerEventRoutes } from './events.routes.js';
import { registerPollRoutes } from './polls.routes.js';
import { registerVacancyRoutes } from './vacancies.routes.js';

/** The kinds of posts (P5, P6, P8, P11): events, polls and quizzes, announcements, vacancies. */
export function registerPostKindRoutes(app: App): void {
  registerEventRoutes(app);
  registerPollRoutes(app);
  registerAnnouncementRoutes(app);
  registerVacancyRoutes(app);
}
