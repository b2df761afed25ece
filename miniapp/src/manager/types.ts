/**
 * What the report endpoints answer (server/src/reports), as the manager pages read it: aliases of the types
 * generated from the server's OpenAPI document (../services/api-schema.ts, `pnpm gen:api-types`).
 */
import type { components } from '../services/api-schema';

type S = components['schemas'];

export type Kpis = S['Kpis'];
export type ReportScopeInfo = S['ClassificationReportScope'];
export type ReportProjects = S['ReportProjects'];
/** One row of the classification table. */
export type Tally = S['ClassificationRow'];
export type ClassificationReport = S['ClassificationReport'];
export type KpiReport = S['KpiReport'];
export type CauseFactor = S['CauseFactor'];
export type CorrectiveAction = S['CorrectiveAction'];
export type RepresentativeCase = S['RepresentativeCase'];
export type AnalysisReport = S['AnalysisReport'];
export type DeveloperReport = S['DeveloperReport'];
export type NoticeReport = S['NoticeReport'];
export type ReportField = S['SpecialListItemReportField'];
/** A row of GET /api/reports/special; GET /api/reports/special/:id adds the tickets and the archive. */
export type SpecialCase = S['SpecialListItem'] & Partial<Pick<S['SpecialCase'], 'tickets' | 'archive'>>;
export type SpecialList = S['SpecialList'];

export type ExportableReport = 'classification' | 'kpis' | 'analysis' | 'developer' | 'notice' | 'special';

/** GET /api/pay/reconciliation: one project's Beijing day of payments and refunds against WeChat Pay's records. */
export type ReconciliationReport = S['ReconciliationReport'];
