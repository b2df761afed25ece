/**
 * Who opens the report centre (sub-package `manager`) and who writes a project's analysis. No imports: the
 * staff workbench links to the reports with it, so it may sit in the main package at almost no cost.
 */
export const REPORT_ROLES = ['cs_lead', 'project_manager', 'hq'] as const;
export const REPORT_WRITER_ROLES = ['cs_lead', 'project_manager'] as const;

export function canSeeReports(role: string | null | undefined): boolean {
  return !!role && (REPORT_ROLES as readonly string[]).includes(role);
}

/** HQ reads; the project's customer-service lead and manager write (the server refuses the others). */
export function canWriteReports(role: string | null | undefined): boolean {
  return !!role && (REPORT_WRITER_ROLES as readonly string[]).includes(role);
}
