import { NO_VISIT_NEEDED_REASONS } from '@wuye/shared';

/** How many times the SELECT of `visitFactsSql` takes the (projectId, monthStart, monthEnd) parameters. */
export const VISIT_FACTS_PARAM_SETS = 2;

/**
 * Return-visit facts per ticket of one project's month, as a SELECT of (ticketId, visits, satisfiedVisits,
 * noVisitNeeded, scoreSum, scoreCount) over the tickets `alias` — the rollup rebuild joins it to the month's
 * tickets. Takes (projectId, start, end) `VISIT_FACTS_PARAM_SETS` times.
 *
 * Visits and their outcome come from the ticket's events, exactly as `visitFactsFromEvents` in @wuye/shared:
 * a satisfied visit closes the ticket ('close'), an unsatisfied one sends it back from 待回访 ('reopen' by staff),
 * whether staff closed it directly or a visit record (ratings) moved it; no visit is owed after
 * 'resolve_on_spot' or an 'auto_close' for an accepted reason. The satisfaction score is the mean of the
 * residents' ratings (`ratings.average`, 1–5) given on those visits, online or to the visitor.
 */
export function visitFactsSql(alias: string): string {
  const reasons = NO_VISIT_NEEDED_REASONS.map((r) => `e.data LIKE '%"noVisitReason":"${r}"%'`).join(' OR ');
  const visit = `e.action = 'close' OR (e.action = 'reopen' AND e.fromStatus = 'awaiting_visit' AND e.actorRole <> 'resident')`;
  const month = `${alias}.projectId = ? AND ${alias}.createdAt >= ? AND ${alias}.createdAt < ?`;
  return `SELECT x.ticketId AS ticketId, SUM(x.visits) AS visits, SUM(x.satisfiedVisits) AS satisfiedVisits,
      MAX(x.noVisitNeeded) AS noVisitNeeded, SUM(x.scoreSum) AS scoreSum, SUM(x.scoreCount) AS scoreCount
    FROM (
      SELECT e.ticketId AS ticketId,
        SUM(CASE WHEN ${visit} THEN 1 ELSE 0 END) AS visits,
        SUM(CASE WHEN e.action = 'close' THEN 1 ELSE 0 END) AS satisfiedVisits,
        MAX(CASE WHEN e.action = 'resolve_on_spot' OR (e.action = 'auto_close' AND (${reasons})) THEN 1 ELSE 0 END) AS noVisitNeeded,
        0 AS scoreSum, 0 AS scoreCount
      FROM ticket_events e JOIN tickets ${alias} ON ${alias}.id = e.ticketId
      WHERE ${month} AND e.action IN ('close', 'reopen', 'resolve_on_spot', 'auto_close')
      GROUP BY e.ticketId
      UNION ALL
      SELECT r.ticketId AS ticketId, 0 AS visits, 0 AS satisfiedVisits, 0 AS noVisitNeeded,
        SUM(r.average) AS scoreSum, COUNT(*) AS scoreCount
      FROM ratings r JOIN tickets ${alias} ON ${alias}.id = r.ticketId
      WHERE ${month} AND r.average IS NOT NULL
      GROUP BY r.ticketId
    ) x
    GROUP BY x.ticketId`;
}
