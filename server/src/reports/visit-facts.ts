import { NO_VISIT_NEEDED_REASONS } from '@wuye/shared';

/**
 * Return-visit facts per ticket of one project's month, as a SELECT of (ticketId, visits, satisfiedVisits,
 * noVisitNeeded, scoreSum, scoreCount) over the tickets `alias` — the rollup rebuild joins it to the month's
 * tickets.
 *
 * THE HOOK for return visits 回访: until they have their own records, visits are read from the ticket's
 * events exactly as `visitFactsFromEvents` in @wuye/shared (a satisfied visit = 'close'; an unsatisfied one
 * = 'reopen' from 待回访 by staff; no visit owed after 'resolve_on_spot' or 'auto_close' for an accepted
 * reason), and there are no scores. When the return-visit table lands, replace this SELECT with one over
 * it, e.g.
 *   SELECT v.ticketId, COUNT(*) AS visits, SUM(CASE WHEN v.satisfied = 1 THEN 1 ELSE 0 END) AS satisfiedVisits,
 *     MAX(CASE WHEN v.noVisitNeeded = 1 THEN 1 ELSE 0 END) AS noVisitNeeded, SUM(v.score) AS scoreSum,
 *     COUNT(v.score) AS scoreCount
 *   FROM return_visits v JOIN tickets tk ON tk.id = v.ticketId
 *   WHERE tk.projectId = ? AND tk.createdAt >= ? AND tk.createdAt < ? GROUP BY v.ticketId
 * (same three parameters, same columns) — nothing else in the reports changes.
 */
export function visitFactsSql(alias: string): string {
  const reasons = NO_VISIT_NEEDED_REASONS.map((r) => `e.data LIKE '%"noVisitReason":"${r}"%'`).join(' OR ');
  const visit = `e.action = 'close' OR (e.action = 'reopen' AND e.fromStatus = 'awaiting_visit' AND e.actorRole <> 'resident')`;
  return `SELECT e.ticketId AS ticketId,
      SUM(CASE WHEN ${visit} THEN 1 ELSE 0 END) AS visits,
      SUM(CASE WHEN e.action = 'close' THEN 1 ELSE 0 END) AS satisfiedVisits,
      MAX(CASE WHEN e.action = 'resolve_on_spot' OR (e.action = 'auto_close' AND (${reasons})) THEN 1 ELSE 0 END) AS noVisitNeeded,
      0 AS scoreSum, 0 AS scoreCount
    FROM ticket_events e JOIN tickets ${alias} ON ${alias}.id = e.ticketId
    WHERE ${alias}.projectId = ? AND ${alias}.createdAt >= ? AND ${alias}.createdAt < ?
      AND e.action IN ('close', 'reopen', 'resolve_on_spot', 'auto_close')
    GROUP BY e.ticketId`;
}
