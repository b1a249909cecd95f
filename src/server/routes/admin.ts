import type { App, Deps } from '../http/deps';
import { adminAccountRoutes, adminAccountImportRoute } from './admin-accounts';
import { adminAssignmentRoutes } from './admin-assignments';
import { adminAuditRoutes } from './admin-audit';
import { adminCampaignRoutes } from './admin-campaigns';

/**
 * Campaign administration for Home Affairs (role admin only): campaign state and settings, accounts (also imported
 * from a sheet), assignments of surveyors, and the audit log. Every route refuses other callers in its onRequest
 * hook, before a body is read; every change is written to the audit log in the same transaction.
 */
export function adminRoutes(app: App, deps: Deps): void {
  adminCampaignRoutes(app, deps);
  adminAccountRoutes(app, deps);
  adminAccountImportRoute(app, deps);
  adminAssignmentRoutes(app, deps);
  adminAuditRoutes(app, deps);
}
