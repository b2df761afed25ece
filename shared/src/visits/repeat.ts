/**
 * Repeat complaints 再次投诉 and dissatisfaction 不满意 (docs/domain-rules.md "Closing", "Return visits"):
 * a ticket without a visit closes a week after handling only if the same household did not complain
 * again about the same matter; a repeat within the week reopens the original instead of opening a new
 * ticket. Unsatisfied at a visit → handle again, visit again; a second time goes up the chain.
 */
import { eventSimilarity } from '../incidents';
import type { EscalationTarget } from '../lifecycle/transitions';
import { DEFAULT_VISIT_RULES, type VisitRules } from './rules';

const DAY_MS = 24 * 3600 * 1000;

export interface RepeatCandidate {
  kind: string;
  householdId: string | null;
  /** Complaint category 投诉分类 (null for repairs, which are not classified). */
  category: string | null;
  text: string;
  /** Repairs: the trade 工种 (水电, 土建 …) when known; two different specific trades are different matters. */
  trade?: string | null;
}

export interface HandledOriginal extends RepeatCandidate {
  handledAt: Date;
  /**
   * The end of the project's close window for this original (shared/src/policy `closeWindowEnd`); when given it
   * replaces `windowDays`, so the window that closes a ticket and the one that reopens it are the same setting.
   */
  windowEndsAt?: Date;
}

/**
 * Whether a new submission repeats a handled ticket: same household, same kind and category (for repairs, not
 * two different trades), within the window after handling, and text alike enough (incidents' bigram similarity, different buildings never
 * alike). Returns the similarity too, to pick the closest original.
 */
export function repeatOf(
  incoming: RepeatCandidate & { at: Date },
  original: HandledOriginal,
  rules: VisitRules['repeatComplaint'] = DEFAULT_VISIT_RULES.repeatComplaint,
): { repeat: boolean; similarity: number } {
  const no = { repeat: false, similarity: 0 };
  if (!incoming.householdId || incoming.householdId !== original.householdId) return no;
  if (incoming.kind !== original.kind) return no;
  if ((incoming.category ?? null) !== (original.category ?? null)) return no;
  const specific = (t: string | null | undefined) => (t && t !== 'general' ? t : null);
  const [ta, tb] = [specific(incoming.trade), specific(original.trade)];
  if (ta && tb && ta !== tb) return no;
  const since = incoming.at.getTime() - original.handledAt.getTime();
  const ends = original.windowEndsAt?.getTime() ?? original.handledAt.getTime() + rules.windowDays * DAY_MS;
  if (since < 0 || incoming.at.getTime() > ends) return no;
  const similarity = eventSimilarity(incoming.text, original.text);
  return { repeat: similarity >= rules.minSimilarity, similarity };
}

export interface DissatisfactionSteps {
  /** Always: 不满意 → 重新处理 by the same handler. */
  reopen: true;
  /** 服务上移 target once dissatisfaction repeats, else null. */
  escalateTo: EscalationTarget | null;
  /** Roles told about it. */
  notify: EscalationTarget[];
}

/** What the n-th dissatisfaction with a ticket sets off (n counts this one). */
export function dissatisfactionSteps(
  count: number,
  rules: VisitRules['dissatisfaction'] = DEFAULT_VISIT_RULES.dissatisfaction,
): DissatisfactionSteps {
  if (count >= rules.escalateAt) {
    const notify: EscalationTarget[] = ['cs_lead'];
    if (rules.escalateTo !== 'cs_lead') notify.push(rules.escalateTo);
    return { reopen: true, escalateTo: rules.escalateTo, notify };
  }
  return { reopen: true, escalateTo: null, notify: ['cs_lead'] };
}
