/**
 * Working an event 同一事件 as one (staff sub-package, 事件 pages): who may link and unlink complaints, what a
 * reply to every complainant must hold, and how the server's per-complaint answer is told back to staff.
 * No imports: pure, tested in logic/incidentWork.spec.ts.
 */

/** Who links a complaint to an event or takes one out (the server refuses the others). */
export const INCIDENT_EDITOR_ROLES = ['front_desk', 'cs_lead', 'project_manager'] as const;

export function canEditIncident(role: string | null | undefined): boolean {
  return !!role && (INCIDENT_EDITOR_ROLES as readonly string[]).includes(role);
}

/** Who sets one visit plan for the event (the complaints' visit settings: the lead and the manager). */
export function canPlanVisits(role: string | null | undefined): boolean {
  return role === 'cs_lead' || role === 'project_manager';
}

/** Complaint levels and who makes the return visit at each (docs/domain-rules.md "Levels and special complaints"). */
export const VISIT_LEVEL_OPTIONS = [
  { value: 1, label: '一级（总经理回访）' },
  { value: 2, label: '二级（项目经理会同部门）' },
  { value: 3, label: '三级（品质/客服/工程负责人）' },
  { value: 4, label: '四级（客服人员）' },
] as const;

/** What one move did to each complaint of the event (POST /api/incidents/:id/actions). */
export interface IncidentMoveResult {
  ticketId: string;
  number: string;
  ok: boolean;
  status?: string;
  message?: string;
}

export interface IncidentMoveAnswer {
  done: number;
  total: number;
  results: IncidentMoveResult[];
}

/** Why a reply to every complainant cannot be sent yet, or null. */
export function replyProblem(text: string): string | null {
  const t = text.trim();
  if (t.length < 5) return '请写明处理进展或方案（至少 5 个字），它会发给每一位投诉人';
  if (t.length > 2000) return '答复不能超过 2000 字';
  return null;
}

/** Why a complaint number cannot be linked, or null ("TS20261105-0001"). */
export function numberProblem(text: string): string | null {
  const t = text.trim();
  if (!t) return '请填写要并入的投诉编号';
  if (t.length > 24) return '投诉编号不正确';
  return null;
}

/** One line for staff after a move on every complaint: how many, and which were left and why. */
export function moveSummary(a: IncidentMoveAnswer, what: string): string {
  if (a.total === 0) return '该事件没有投诉';
  const left = a.results.filter((r) => !r.ok);
  const head = `已${what} ${a.done}/${a.total} 条投诉`;
  if (!left.length) return head;
  return `${head}；未处理：${left.map((r) => `${r.number}（${r.message ?? '未处理'}）`).join('、')}`;
}

/** '3 人 · 4 次' — people and complaints of an event. */
export function incidentCounts(i: { complainantCount: number; ticketCount: number }): string {
  return `${i.complainantCount} 人 · ${i.ticketCount} 次`;
}
