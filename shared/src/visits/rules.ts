/**
 * Return-visit rules 回访规则 as data, the handbook's values as defaults (docs/domain-rules.md "Return
 * visits", the return-visit handbook); a project changes any entry through `resolveVisitRules`. The
 * arithmetic is in ./schedule.
 */
import type { EscalationTarget } from '../lifecycle/transitions';
import { ESCALATION_TARGETS } from '../lifecycle/transitions';
import { STAFF_ROLES, type StaffRole } from '../roles';
import { COMPLAINT_LEVELS, type ComplaintLevel } from './levels';
import { REPAIR_VISIT_TYPES, type RepairVisitType } from './repair-types';

/** When a visit is due, counted from handling 处理完毕. */
export type VisitWhen =
  /** N小时内. */
  | { type: 'hours'; hours: number }
  /** 次日 / 维修后第二天: by the end of the next Shanghai calendar day. */
  | { type: 'next_day' }
  /** N日内: by 24:00 Shanghai of the N-th calendar day after handling. */
  | { type: 'days'; days: number }
  /** 下雨后马上: no date yet; due once staff record that it rained. */
  | { type: 'after_rain' };

/** Visit forms 回访方式 (docs/domain-rules.md "Return visits"); 'online' is the resident's own answer. */
export const VISIT_FORMS = ['phone', 'home', 'online'] as const;
export type VisitForm = (typeof VISIT_FORMS)[number];
export const VISIT_FORM_LABELS: Record<VisitForm, string> = {
  phone: '电话回访',
  home: '上门回访',
  online: '在线评价',
};

export interface RepairVisitRule {
  /** The visits, in order; the first is answered by the resident's rating or a staff visit. */
  visits: VisitWhen[];
  /** 如是雨水造成的，在下雨后马上进行回访一次: add an after-rain visit when the text names rain. */
  afterRain?: boolean;
  /** 必要时采取不断回访: the visitor is offered another visit this many days later. */
  repeatEveryDays?: number;
  /** The handbook's wording, shown to staff as the reason for the due date. */
  basis: string;
}

export interface ComplaintVisitRule {
  visitorRole: StaffRole;
  form: VisitForm;
  visits: VisitWhen[];
  basis: string;
}

export interface VisitRules {
  repair: Record<RepairVisitType, RepairVisitRule>;
  /** 所有报修信息原则上一律采用电话…回访: who visits repairs and how. */
  repairVisitor: { role: StaffRole; form: VisitForm };
  /** 一级…四级投诉 → who visits, how, and by when. */
  complaint: Record<ComplaintLevel, ComplaintVisitRule>;
  /** How long the resident's rating invitation stays the only visit before staff take over. */
  onlineReplyHours: { repair: number; complaint: number };
  /** A staff visit taking over an unanswered invitation gets at least this long. */
  staffGraceHours: number;
  /** 不满意 → 重新处理; the n-th dissatisfaction also goes up to `escalateTo`. */
  dissatisfaction: { escalateAt: number; escalateTo: EscalationTarget };
  /** 处理完毕后一周内无再次投诉: a repeat from the same household within this reopens the original. */
  repeatComplaint: { windowDays: number; minSimilarity: number };
}

const NEXT_DAY: VisitWhen = { type: 'next_day' };

export const DEFAULT_VISIT_RULES: VisitRules = {
  repair: {
    danger: {
      visits: [{ type: 'days', days: 7 }],
      repeatEveryDays: 7,
      basis: '危及生命财产安全：处理后一周内回访一次，必要时不断回访',
    },
    seepage: {
      visits: [NEXT_DAY],
      afterRain: true,
      basis: '墙角、天花板渗水：维修后第二天回访，如是雨水造成的，下雨后马上再回访一次',
    },
    plumbing: { visits: [NEXT_DAY], basis: '洁具、管道堵塞或漏水：当日解决，次日回访' },
    tv_signal: { visits: [NEXT_DAY], basis: '电视收视效果差：两日内解决，次日回访' },
    appliance: { visits: [NEXT_DAY], basis: '家电故障：当天检查，维修后第二天回访' },
    wall_crack: {
      visits: [
        { type: 'days', days: 5 },
        { type: 'days', days: 30 },
      ],
      basis: '墙体裂缝（无危险）：五日内回访一次，一个月内回访第二次',
    },
    safety_facility: { visits: [{ type: 'days', days: 2 }], basis: '安全设施维修：两天内回访' },
    leak: { visits: [{ type: 'days', days: 3 }], basis: '漏水项目维修：三天内回访' },
    general: { visits: [{ type: 'hours', hours: 24 }], basis: '报修：24小时内电话回访' },
  },
  repairVisitor: { role: 'front_desk', form: 'phone' },
  // 所有投诉信息原则上一律采用入户拜访; the handbook gives no date for complaint visits ("及时回访"):
  // three days is our default, for a project to tune.
  complaint: {
    1: {
      visitorRole: 'hq',
      form: 'home',
      visits: [{ type: 'days', days: 3 }],
      basis: '一级投诉：由公司总经理带领相关人员入户拜访',
    },
    2: {
      visitorRole: 'project_manager',
      form: 'home',
      visits: [{ type: 'days', days: 3 }],
      basis: '二级投诉：由项目经理带领相关责任部门人员入户拜访',
    },
    3: {
      visitorRole: 'cs_lead',
      form: 'home',
      visits: [{ type: 'days', days: 3 }],
      basis: '三级投诉：由品质、客服、工程部门负责人回访',
    },
    4: {
      visitorRole: 'front_desk',
      form: 'home',
      visits: [{ type: 'days', days: 3 }],
      basis: '四级投诉：由客服部相关责任人员拜访',
    },
  },
  onlineReplyHours: { repair: 24, complaint: 24 },
  staffGraceHours: 24,
  dissatisfaction: { escalateAt: 2, escalateTo: 'project_manager' },
  repeatComplaint: { windowDays: 7, minSimilarity: 0.35 },
};

/** A project's changes to the defaults; maps are merged entry by entry. */
export interface VisitRuleOverrides {
  repair?: Partial<Record<RepairVisitType, Partial<RepairVisitRule>>>;
  repairVisitor?: Partial<VisitRules['repairVisitor']>;
  complaint?: Partial<Record<ComplaintLevel, Partial<ComplaintVisitRule>>>;
  onlineReplyHours?: Partial<VisitRules['onlineReplyHours']>;
  staffGraceHours?: number;
  dissatisfaction?: Partial<VisitRules['dissatisfaction']>;
  repeatComplaint?: Partial<VisitRules['repeatComplaint']>;
}

const MAX_DAYS = 90;

function bad(where: string, v: unknown): never {
  throw new RangeError(`回访规则 ${where} 不正确：${JSON.stringify(v)}`);
}

function checkWhen(where: string, w: VisitWhen): void {
  if (!w || typeof w !== 'object') bad(where, w);
  switch (w.type) {
    case 'hours':
      if (!(w.hours > 0 && w.hours <= MAX_DAYS * 24)) bad(where, w);
      return;
    case 'days':
      if (!(Number.isInteger(w.days) && w.days >= 1 && w.days <= MAX_DAYS)) bad(where, w);
      return;
    case 'next_day':
    case 'after_rain':
      return;
    default:
      bad(where, w);
  }
}

function checkVisits(where: string, visits: VisitWhen[]): void {
  if (!Array.isArray(visits) || visits.length < 1 || visits.length > 5) bad(where, visits);
  visits.forEach((w, i) => checkWhen(`${where}[${i}]`, w));
  if (visits[0].type === 'after_rain') bad(`${where}[0]`, visits[0]); // the first visit needs a date
}

const positive = (where: string, n: number, max: number) => {
  if (!(typeof n === 'number' && n > 0 && n <= max)) bad(where, n);
};

/** The defaults with a project's overrides applied, validated (RangeError with a Chinese message). */
export function resolveVisitRules(overrides: VisitRuleOverrides = {}): VisitRules {
  const d = DEFAULT_VISIT_RULES;
  const repair = { ...d.repair };
  for (const [type, rule] of Object.entries(overrides.repair ?? {})) {
    if (!REPAIR_VISIT_TYPES.includes(type as RepairVisitType)) bad(`repair.${type}`, rule);
    repair[type as RepairVisitType] = { ...repair[type as RepairVisitType], ...rule };
  }
  const complaint = { ...d.complaint };
  for (const [level, rule] of Object.entries(overrides.complaint ?? {})) {
    const n = Number(level) as ComplaintLevel;
    if (!COMPLAINT_LEVELS.includes(n)) bad(`complaint.${level}`, rule);
    complaint[n] = { ...complaint[n], ...rule };
  }
  const rules: VisitRules = {
    repair,
    repairVisitor: { ...d.repairVisitor, ...overrides.repairVisitor },
    complaint,
    onlineReplyHours: { ...d.onlineReplyHours, ...overrides.onlineReplyHours },
    staffGraceHours: overrides.staffGraceHours ?? d.staffGraceHours,
    dissatisfaction: { ...d.dissatisfaction, ...overrides.dissatisfaction },
    repeatComplaint: { ...d.repeatComplaint, ...overrides.repeatComplaint },
  };
  for (const type of REPAIR_VISIT_TYPES) {
    const r = rules.repair[type];
    checkVisits(`repair.${type}.visits`, r.visits);
    if (r.repeatEveryDays !== undefined)
      positive(`repair.${type}.repeatEveryDays`, r.repeatEveryDays, MAX_DAYS);
  }
  for (const level of COMPLAINT_LEVELS) {
    const r = rules.complaint[level];
    checkVisits(`complaint.${level}.visits`, r.visits);
    if (!STAFF_ROLES.includes(r.visitorRole)) bad(`complaint.${level}.visitorRole`, r.visitorRole);
    if (!(['phone', 'home'] as string[]).includes(r.form)) bad(`complaint.${level}.form`, r.form);
  }
  if (!STAFF_ROLES.includes(rules.repairVisitor.role)) bad('repairVisitor.role', rules.repairVisitor.role);
  if (!(['phone', 'home'] as string[]).includes(rules.repairVisitor.form))
    bad('repairVisitor.form', rules.repairVisitor.form);
  positive('onlineReplyHours.repair', rules.onlineReplyHours.repair, 7 * 24);
  positive('onlineReplyHours.complaint', rules.onlineReplyHours.complaint, 7 * 24);
  positive('staffGraceHours', rules.staffGraceHours, 7 * 24);
  const { escalateAt, escalateTo } = rules.dissatisfaction;
  if (!(Number.isInteger(escalateAt) && escalateAt >= 1 && escalateAt <= 10))
    bad('dissatisfaction.escalateAt', escalateAt);
  if (!ESCALATION_TARGETS.includes(escalateTo)) bad('dissatisfaction.escalateTo', escalateTo);
  const { windowDays, minSimilarity } = rules.repeatComplaint;
  if (!(Number.isInteger(windowDays) && windowDays >= 1 && windowDays <= 7))
    bad('repeatComplaint.windowDays', windowDays); // never past the week after which it closes by itself
  if (!(minSimilarity > 0 && minSimilarity <= 1)) bad('repeatComplaint.minSimilarity', minSimilarity);
  return rules;
}

/** Chinese wording of a due rule, e.g. '次日', '5日内', '24小时内', '下雨后'. */
export function describeVisitWhen(w: VisitWhen): string {
  switch (w.type) {
    case 'hours':
      return `${w.hours}小时内`;
    case 'next_day':
      return '次日';
    case 'days':
      return `${w.days}日内`;
    case 'after_rain':
      return '下雨后';
  }
}
