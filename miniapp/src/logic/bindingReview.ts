/**
 * The service centre's review of household bindings 住户绑定审核: how an application reads, what a decision
 * needs (a reason to refuse — the resident reads it), and the workbench badge. Pure.
 */
import type { PendingBinding } from '../services/types';

export const RELATION_LABELS: Record<string, string> = { owner: '业主', tenant: '租户', family: '家属' };

/** Who may review bindings and issue 登记码: the service centre (department staff may not). */
export function reviewsBindings(role: string | null | undefined): boolean {
  return role === 'front_desk' || role === 'cs_lead' || role === 'project_manager';
}

/** "新住户 · 租户 · 138****2222" — the phone masked on the list, shown in full on tap. */
export function applicantLine(b: Pick<PendingBinding, 'name' | 'relation' | 'phone'>, full = false): string {
  const phone = b.phone ? (full ? b.phone : maskPhone(b.phone)) : '未留电话';
  return `${b.name} · ${RELATION_LABELS[b.relation] ?? '住户'} · ${phone}`;
}

export function maskPhone(phone: string): string {
  return /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}

/** The reason for a decision: required (and 2–200 characters) to refuse, optional to approve. */
export function decisionError(approve: boolean, note: string): string | null {
  const n = note.trim();
  if (!approve && n.length < 2) return '请填写驳回原因，住户会看到';
  if (n.length > 200) return '备注不能超过 200 字';
  return null;
}

/** The workbench button: "住户绑定" with the number waiting. */
export function bindingsButton(pending: number): string {
  return pending > 0 ? `住户绑定 ${pending > 99 ? '99+' : pending}` : '住户绑定';
}
