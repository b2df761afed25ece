import {
  answersOf,
  CategoryTally,
  CauseTally,
  countedItems,
  emptySums,
  EventForKpi,
  KPI_SUM_FIELDS,
  KpiSums,
  tallyCauses,
  tallyItems,
  ticketSums,
  UNCLASSIFIED,
  visitFactsFromEvents,
} from '@wuye/shared';

/** One ticket of a project's month as the rollup reads it (with its event's hot flag). */
export interface TicketFacts {
  id: string;
  kind: string;
  category: string | null;
  departmentId: string | null;
  assigneeId: string | null;
  status: string;
  anonymous: boolean;
  channel: string;
  createdAt: Date;
  repliedAt: Date | null;
  replyDueAt: Date | null;
  handledAt: Date | null;
  handleDueAt: Date | null;
  handleLate: boolean;
  closedAt: Date | null;
  reopenCount: number;
  incidentId: string | null;
  residentId: string | null;
  contactPhone: string | null;
  peopleCount: number;
  majorComplaint: boolean;
  hot: boolean;
  causeFactor: string | null;
  causeSub: string | null;
}

/** One of the ticket's events that return visits are read from (`VISIT_EVENT_ACTIONS`). */
export interface VisitEvent extends EventForKpi {
  ticketId: string;
}

/**
 * A resident's rating of a visit to the ticket (online, or recorded by staff at a visit); `average` is null when
 * no score was given.
 */
export interface RatingScore {
  ticketId: string;
  average: number | null;
  satisfied: boolean;
}

/** The key-figure sums of one group of a project's month: department, handler, kind, category ('' = none). */
export interface KpiGroup extends KpiSums {
  departmentId: string;
  assigneeId: string;
  kind: string;
  category: string;
}

/** What the rollup stores for one project's month ('' for a category not yet given). */
export interface RollupRows {
  categories: CategoryTally[];
  kpis: KpiGroup[];
  causes: CauseTally[];
}

/** The rollups' keys are primary-key columns: '' stands for "none". */
const NONE = '';
const stored = (category: string) => (category === UNCLASSIFIED ? NONE : category);

function byTicket<T extends { ticketId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.ticketId);
    if (list) list.push(r);
    else out.set(r.ticketId, [r]);
  }
  return out;
}

/**
 * A project's month of tickets put through the rules of @wuye/shared — nothing is decided here:
 * `visitFactsFromEvents` and `ticketSums` give what each ticket adds to the key figures (judged at `now`),
 * added up per group; `countedItems`, `tallyItems` and `tallyCauses` count the month's complaints for the
 * classification table and the cause analysis.
 */
export function rollupRows(
  tickets: readonly TicketFacts[],
  events: readonly VisitEvent[],
  ratings: readonly RatingScore[],
  now: Date,
): RollupRows {
  const eventsOf = byTicket(events);
  const scoresOf = byTicket(ratings);
  const groups = new Map<string, KpiGroup>();
  for (const t of tickets) {
    const facts = visitFactsFromEvents(eventsOf.get(t.id) ?? []);
    const rated = scoresOf.get(t.id) ?? [];
    const sums = ticketSums(
      {
        ...t,
        ...facts,
        // satisfaction 满意率 over every answer: visits staff moved without a rating, and every rating
        visits: answersOf(facts.visits, rated),
        scores: rated.flatMap((r) => (r.average === null ? [] : [r.average])),
      },
      now,
    );
    const key = [t.departmentId ?? NONE, t.assigneeId ?? NONE, t.kind, t.category ?? NONE];
    const k = key.join('\u0000');
    let g = groups.get(k);
    if (!g) {
      const [departmentId, assigneeId, kind, category] = key;
      g = { departmentId, assigneeId, kind, category, ...emptySums() };
      groups.set(k, g);
    }
    for (const f of KPI_SUM_FIELDS) g[f] += sums[f];
  }

  const items = countedItems(
    tickets
      .filter((t) => t.kind === 'complaint')
      .map((t) => ({
        id: t.id,
        // '' is no category, as null is
        category: t.category || null,
        incidentId: t.incidentId,
        channel: t.channel,
        status: t.status,
        complainantKey: t.residentId ?? t.contactPhone,
        peopleCount: t.peopleCount,
        major: t.majorComplaint,
        hot: t.hot,
        causeFactor: t.causeFactor,
        causeSub: t.causeSub,
      })),
  );
  return {
    categories: tallyItems(items).map((c) => ({ ...c, category: stored(c.category) })),
    kpis: [...groups.values()],
    causes: tallyCauses(items).map((c) => ({ ...c, category: stored(c.category) })),
  };
}
