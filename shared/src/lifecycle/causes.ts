/**
 * Cause factors 人/机/料/法/环 recorded when a ticket is handled, for the monthly complaint analysis
 * (docs/domain-rules.md "Records, statistics and reports"; the customer-service handbook, 投诉重点分析).
 */
export const CAUSE_FACTORS = {
  people: {
    label: '人',
    name: '人员因素',
    subs: { attitude: '服务态度', standards: '服务规范', skills: '服务技能' },
  },
  machine: {
    label: '机',
    name: '设施因素',
    subs: { appearance: '外观完好性', quality: '质量合格性', fitness: '功能适用性' },
  },
  material: {
    label: '料',
    name: '物料/信息因素',
    subs: { durability: '耐用性', economy: '经济性', accuracy: '准确性' },
  },
  method: {
    label: '法',
    name: '方法因素',
    subs: { process: '流程', rules: '制度' },
  },
  environment: {
    label: '环',
    name: '环境因素',
    subs: { internal: '内部环境', external: '外部环境' },
  },
} as const;

/** Main cause factor 原因因素. */
export type CauseFactor = keyof typeof CAUSE_FACTORS;
/** Sub-factor of one main factor. */
export type CauseSubFactor<F extends CauseFactor = CauseFactor> = F extends CauseFactor
  ? keyof (typeof CAUSE_FACTORS)[F]['subs']
  : never;
/** A recorded cause, e.g. { factor: 'people', sub: 'attitude' } = 人·服务态度. */
export type Cause = { [F in CauseFactor]: { factor: F; sub: CauseSubFactor<F> } }[CauseFactor];

export const CAUSE_FACTOR_CODES = Object.keys(CAUSE_FACTORS) as CauseFactor[];

/** Whether a value is a known factor with one of its own sub-factors. */
export function isValidCause(value: unknown): value is Cause {
  if (!value || typeof value !== 'object') return false;
  const { factor, sub } = value as { factor?: unknown; sub?: unknown };
  if (typeof factor !== 'string' || !(factor in CAUSE_FACTORS)) return false;
  return (
    typeof sub === 'string' &&
    Object.prototype.hasOwnProperty.call(CAUSE_FACTORS[factor as CauseFactor].subs, sub)
  );
}

/** '人·服务态度'. */
export function causeLabel(cause: Cause): string {
  const f = CAUSE_FACTORS[cause.factor];
  return `${f.label}·${(f.subs as Record<string, string>)[cause.sub]}`;
}
