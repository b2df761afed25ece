import {
  CN_CALENDAR,
  dayKeyOf,
  REPAIR_CLASS_LABELS,
  REPAIR_TRADE_LABELS,
  RepairClass,
  RepairTrade,
  residentRecord,
  statusLabelFor,
  suggestRepairClass,
  TICKET_STATUS_LABELS,
  TicketStatus,
  WorkCalendar,
} from '@wuye/shared';
import { nearestDue } from './deadline-fields';
import type { Ticket, TicketEvent } from './entities';

/** 138****1234: staff other than the first receiver see a masked phone. */
export const maskPhone = (p: string | null) =>
  p && p.length >= 7 ? `${p.slice(0, 3)}****${p.slice(-4)}` : p;

/**
 * A ticket's timeline as its reader sees it. Staff read every record with its details; the resident reads what
 * the status table lets them read of each (shared RESIDENT_VIEW): an escalation's reason, the routing and
 * classifier's reasoning, transfers and internal notes stay with staff.
 */
export function timelineFor(events: TicketEvent[], staff: boolean, signedUrl: (uploadId: string) => string) {
  return events.flatMap((e) => {
    const data = e.data ? (JSON.parse(e.data) as Record<string, unknown>) : {};
    const photoIds = Array.isArray(data.photoIds) ? (data.photoIds as string[]) : [];
    const label = e.label || TICKET_STATUS_LABELS[e.toStatus as TicketStatus];
    const seen = staff
      ? { label, note: e.note, photoIds }
      : residentRecord({
          action: e.action,
          label,
          note: e.note,
          internal: e.internal,
          photoIds,
          byResident: e.actorRole === 'resident',
        });
    if (!seen) return [];
    return [
      {
        id: e.id,
        action: e.action,
        label: seen.label,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        toStatusLabel: statusLabelFor(e.toStatus, staff ? 'staff' : 'resident'),
        actorName: e.actorName,
        actorRole: e.actorRole,
        note: seen.note,
        internal: e.internal,
        photos: seen.photoIds.map((id) => ({ id, url: signedUrl(id) })),
        // Details (reason, cause, assignees) are for staff; the resident reads the note.
        data: staff ? data : undefined,
        createdAt: e.createdAt,
      },
    ];
  });
}

/**
 * Years of the ticket's running deadlines that its calendar has no official holiday schedule for (the deadline
 * was computed on weekends only there). The shipped years are in every company's calendar: the project's calendar
 * is read only when a deadline falls outside them.
 */
export async function uncoveredYearsOf(
  t: Ticket,
  calendarOf: (projectId: string) => Promise<WorkCalendar | undefined>,
): Promise<number[]> {
  if (!nearestDue(t)) return [];
  const dues = [t.repliedAt ? null : t.replyDueAt, t.handleDueAt].filter((d): d is Date => !!d);
  const years = [...new Set(dues.map((d) => Number(dayKeyOf(d).slice(0, 4))))];
  if (years.every((y) => CN_CALENDAR.coveredYears.includes(y))) return [];
  const cal = (await calendarOf(t.projectId)) ?? CN_CALENDAR;
  return years.filter((y) => !cal.coveredYears.includes(y)).sort((a, b) => a - b);
}

/** A repair's class 维修分级 (everyone), and what its words read as (staff choosing the class at dispatch). */
export function repairView(t: Ticket, staff: boolean) {
  const repairClass = (t.repairClass ?? 'general') as RepairClass;
  return {
    repairClass: t.kind === 'repair' ? repairClass : null,
    repairClassLabel: t.kind === 'repair' ? REPAIR_CLASS_LABELS[repairClass] : null,
    repairClassSuggestion: staff && t.kind === 'repair' ? suggestRepairClass(t.content) : undefined,
  };
}

/** What the classifier read and the flags it raised: staff only (never a confidence or a flag for residents). */
export function classificationView(t: Ticket, staff: boolean) {
  if (!staff) return { trade: undefined, classification: undefined, flags: undefined };
  return {
    trade: t.trade
      ? { code: t.trade, label: REPAIR_TRADE_LABELS[t.trade as RepairTrade] ?? t.trade }
      : undefined,
    classification: t.classification
      ? {
          category: t.category,
          confidence: t.categoryConfidence,
          triage: t.triage,
          ...(JSON.parse(t.classification) as object),
        }
      : undefined,
    flags: {
      emergency: t.emergency,
      agitated: t.agitated,
      compensationYuan: t.compensationYuan,
      majorComplaint: t.majorComplaint,
    },
  };
}
