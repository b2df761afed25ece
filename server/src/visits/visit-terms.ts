import {
  COMPLAINT_LEVEL_LABELS,
  ComplaintLevel,
  REPAIR_VISIT_TYPE_LABELS,
  ROLE_LABELS,
  RepairVisitType,
  Role,
  VISIT_EXEMPTION_LABELS,
  VISIT_FORM_LABELS,
  VisitForm,
} from '@wuye/shared';
import { Rating, VisitTask } from './entities';
import { PENDING_TASK_STATUSES } from './repositories/visit-tasks.repository';

/**
 * What the pages of return visits 回访 share: their jobs, which ticket statuses wait for a visit, the Chinese
 * labels of a task's states, and how a task and a rating are shown.
 */

/** The resident's invitation ran out: the visit becomes the visitors' task. */
export const OPEN_JOB = 'visit.open';
/** A week after handling: close without a visit when one is not owed. */
export const AUTO_CLOSE_JOB = 'visit.autoclose';
/** A ticket waiting for its return visit (and closing in these statuses only). */
export const VISITABLE: readonly string[] = ['handled', 'awaiting_visit'];
export const PENDING = PENDING_TASK_STATUSES;
export const TASK_STATUS_LABELS: Record<VisitTask['status'], string> = {
  invited: '待业主评价',
  open: '待回访',
  done: '已回访',
  cancelled: '已取消',
};
export const CANCEL_LABELS: Record<string, string> = {
  reopened: '问题重新处理，待处理完毕后再回访',
  closed: '工单已办结',
  cancelled: '工单已撤销',
  sensitive: VISIT_EXEMPTION_LABELS.sensitive,
  declined: VISIT_EXEMPTION_LABELS.declined,
};

export const excerpt = (s: string, n = 40) => ([...s].length > n ? `${[...s].slice(0, n).join('')}…` : s);
export const staffVisitPage = (taskId: string) => `/staff/pages/visit/index?id=${taskId}`;
export const ratePage = (ticketId: string) => `/visit/pages/rate/index?id=${ticketId}`;

/** One visit task as lists and pages show it. */
export function taskSummary(v: VisitTask, now: Date) {
  return {
    id: v.id,
    ticketId: v.ticketId,
    round: v.round,
    seq: v.seq,
    status: v.status,
    statusLabel: TASK_STATUS_LABELS[v.status],
    trigger: v.trigger,
    form: v.form,
    formLabel: VISIT_FORM_LABELS[v.form as VisitForm],
    visitorRole: v.visitorRole,
    visitorRoleLabel: ROLE_LABELS[v.visitorRole as Role] ?? v.visitorRole,
    complaintLevel: v.complaintLevel,
    complaintLevelLabel: v.complaintLevel ? COMPLAINT_LEVEL_LABELS[v.complaintLevel as ComplaintLevel] : null,
    repairType: v.repairType,
    repairTypeLabel: v.repairType ? REPAIR_VISIT_TYPE_LABELS[v.repairType as RepairVisitType] : null,
    basis: v.basis,
    inviteDeadline: v.inviteDeadline,
    dueAt: v.dueAt,
    overdue: PENDING.includes(v.status) && !!v.dueAt && v.dueAt.getTime() < now.getTime(),
    outcome: v.outcome,
    doneVia: v.doneVia,
    doneAt: v.doneAt,
    cancelReason: v.cancelReason ? (CANCEL_LABELS[v.cancelReason] ?? v.cancelReason) : null,
  };
}

/** One rating as pages show it, its photos as signed links (`signedUrl`, UploadsService). */
export function ratingView(r: Rating, signedUrl: (uploadId: string) => string) {
  const photoIds = r.photoIds ? (JSON.parse(r.photoIds) as string[]) : [];
  return {
    id: r.id,
    round: r.round,
    seq: r.seq,
    source: r.source,
    sourceLabel: VISIT_FORM_LABELS[r.source as VisitForm],
    scores: JSON.parse(r.scores) as Record<string, number>,
    average: r.average,
    satisfied: r.satisfied,
    chargeCorrect: r.chargeCorrect,
    comment: r.comment,
    photos: photoIds.map((id) => ({ id, url: signedUrl(id) })),
    createdAt: r.createdAt,
  };
}
