/**
 * Repairs: the class 报修分级 staff give a repair, suggested from its text, and the fix times the handbook sets for
 * particular kinds of repair (docs/domain-rules.md "Time limits" and "Return visits"). The class limits themselves
 * are rule data in ./rules (`repairByClass`).
 */
import { normalizeText } from '../classification/normalize';
import { REPAIR_CLASS_LABELS, type RepairClass } from '../tickets';
import { detectRepairType, REPAIR_VISIT_TYPE_LABELS, type RepairVisitType } from '../visits/repair-types';
import type { TimeLimit } from './rules';

/**
 * Fix times by repair type (the return-visit handbook): danger to people or property at once (round the clock,
 * as an emergency is), blockages of basins, toilets and pipes the same day, appliances checked the same day,
 * seepage and poor TV reception within two days, harmless wall cracks within three. Other types follow the class.
 */
export const REPAIR_TYPE_FIX_LIMITS: Partial<Record<RepairVisitType, TimeLimit>> = {
  danger: { type: 'hours', hours: 24 },
  plumbing: { type: 'same_working_day' },
  appliance: { type: 'same_working_day' },
  seepage: { type: 'working_days', days: 2 },
  tv_signal: { type: 'working_days', days: 2 },
  wall_crack: { type: 'working_days', days: 3 },
};

/** Major works 重大事情: big jobs on shared structure or whole installations. */
const MAJOR =
  /(大修|翻新|改造|整体更换|全部更换|更换整|重新铺|重做防水|防水层|屋面|外墙|整栋|整个单元|整层|主管道|总管|电梯(大修|更换|改造)|水泵房|配电房|化粪池)/;

export interface RepairClassSuggestion {
  repairClass: RepairClass;
  label: string;
  /** Why, in staff wording. */
  reason: string;
  /** The repair type read from the text (its fix time may be shorter than the class's). */
  repairType: RepairVisitType;
}

/**
 * The class a repair reads as (staff confirm or change it at dispatch): danger, blockages and appliances are small
 * or urgent 小事、急事 (same day); big works on shared structure or whole installations are major; the rest general.
 */
export function suggestRepairClass(text: string): RepairClassSuggestion {
  const det = detectRepairType(text);
  const norm = normalizeText(text);
  const typeLabel = REPAIR_VISIT_TYPE_LABELS[det.type];
  const pick = (repairClass: RepairClass, reason: string): RepairClassSuggestion => ({
    repairClass,
    label: REPAIR_CLASS_LABELS[repairClass],
    reason,
    repairType: det.type,
  });
  if (det.type === 'danger') return pick('small', `${typeLabel}（“${det.matched}”）：立即处理`);
  const major = MAJOR.exec(norm);
  if (major) return pick('major', `涉及“${major[0]}”，属于较大工程`);
  if (det.type === 'plumbing' || det.type === 'appliance')
    return pick('small', `${typeLabel}（“${det.matched}”）：当天解决`);
  return pick('general', det.type === 'general' ? '一般维修' : `${typeLabel}（“${det.matched}”）`);
}
