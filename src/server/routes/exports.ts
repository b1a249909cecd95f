import type { App, Deps } from '../http/deps';

/** Downloads for Home Affairs: responses (CSV, XLSX), survey scores, payment rosters. */
export function exportRoutes(_app: App, _deps: Deps): void {}
