/**
 * What the managers' report pages (sub-package `manager`) show: bars scaled for plain-View charts,
 * rates, durations and changes in words, KPI cards with their targets, the month/quarter pickers' values.
 * Pure: unit-tested in reports.spec.ts.
 */
import { KPI_LABELS, meetsTarget, type KpiName } from '@wuye/shared/dist/reports/kpis';
import { addMonths, monthLabel, monthOf, quarterOf } from '@wuye/shared/dist/reports/month';

export { canSeeReports, canWriteReports, REPORT_ROLES, REPORT_WRITER_ROLES } from './reportRoles';

/** '83.3%'; '—' when there is nothing to divide by. */
export function formatRate(r: number | null | undefined, digits = 1): string {
  if (r === null || r === undefined || !Number.isFinite(r)) return '—';
  return `${(r * 100).toFixed(digits).replace(/\.0+$/, '')}%`;
}

/** '45分钟', '2小时5分', '3天2小时'; '—' when unknown. */
export function formatMinutes(m: number | null | undefined): string {
  if (m === null || m === undefined || !Number.isFinite(m)) return '—';
  const total = Math.round(m);
  if (total < 60) return `${total}分钟`;
  const hours = Math.floor(total / 60);
  if (hours < 24) return total % 60 ? `${hours}小时${total % 60}分` : `${hours}小时`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days}天${hours % 24}小时` : `${days}天`;
}

/** '↑25%', '↓10%', '持平'; '—' when there was nothing before. */
export function formatChange(c: number | null | undefined): string {
  if (c === null || c === undefined || !Number.isFinite(c)) return '—';
  if (Math.abs(c) < 0.0005) return '持平';
  return `${c > 0 ? '↑' : '↓'}${formatRate(Math.abs(c), 0)}`;
}

export function formatScore(s: number | null | undefined): string {
  return s === null || s === undefined || !Number.isFinite(s) ? '—' : s.toFixed(2);
}

/** One bar of a chart: its share of the largest value, in percent (a non-zero value is never invisible). */
export interface Bar {
  label: string;
  value: number;
  text: string;
  percent: number;
}

export function bars(
  items: readonly { label: string; value: number }[],
  format: (v: number) => string = (v) => String(v),
): Bar[] {
  const max = Math.max(0, ...items.map((i) => i.value));
  return items.map((i) => ({
    label: i.label,
    value: i.value,
    text: format(i.value),
    percent: max > 0 ? Math.max(i.value > 0 ? 2 : 0, Math.round((i.value / max) * 1000) / 10) : 0,
  }));
}

/** A month as an axis label: '11月' (the chart's title names the years: `trendRange`). */
export function axisMonth(month: string): string {
  return `${Number(month.slice(5))}月`;
}

/** A trend's bars, one per month, oldest first. */
export function trendBars<T extends { month: string }>(trend: readonly T[], pick: (t: T) => number): Bar[] {
  return bars(trend.map((t) => ({ label: axisMonth(t.month), value: pick(t) })));
}

/** '2025年12月–2026年11月'. */
export function trendRange(trend: readonly { month: string }[]): string {
  return trend.length ? `${monthLabel(trend[0].month)}–${monthLabel(trend[trend.length - 1].month)}` : '';
}

export { monthLabel };

export interface KpiCard {
  name: KpiName;
  label: string;
  text: string;
  hint: string;
  /** true met / false missed / null no target. */
  ok: boolean | null;
}

const CARD_ORDER: KpiName[] = [
  'tickets',
  'complaintRate',
  'meanFirstResponseMinutes',
  'onTimeReplyRate',
  'onTimeHandleRate',
  'resolutionRate',
  'reopenRate',
  'visitRate',
  'satisfactionRate',
  'meanScore',
];

/** The month's figures as cards, each with its definition and whether it meets the handbook's target. */
export function kpiCards(k: Record<string, number | null>): KpiCard[] {
  return CARD_ORDER.map((name) => {
    const def = KPI_LABELS[name];
    const v = k[name] ?? null;
    const text =
      def.unit === 'count'
        ? String(v ?? 0)
        : def.unit === 'minutes'
          ? formatMinutes(v)
          : def.unit === 'score'
            ? formatScore(v)
            : formatRate(v);
    return { name, label: def.label, text, hint: def.hint, ok: meetsTarget(name, v) };
  });
}

/** The month shown when none is picked: this month (Beijing time). */
export function defaultMonth(now = new Date()): string {
  return monthOf(now);
}

/** The month picker never goes past this month. */
export function clampMonth(month: string, now = new Date()): string {
  const current = monthOf(now);
  return month > current ? current : month;
}

/** The last `count` quarters, newest first, for the quarter picker. */
export function recentQuarters(now = new Date(), count = 8): string[] {
  const out: string[] = [];
  let m = monthOf(now);
  while (out.length < count) {
    const q = quarterOf(m);
    if (!out.includes(q)) out.push(q);
    m = addMonths(m, -3);
  }
  return out;
}

/** '2026年第4季度'. */
export function quarterText(q: string): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(q);
  return m ? `${m[1]}年第${m[2]}季度` : q;
}

/** The query string of a report request (projectId only when HQ picked a project). */
export function reportQuery(params: { month?: string; quarter?: string; projectId?: string | null }): string {
  const parts: string[] = [];
  if (params.month) parts.push(`month=${encodeURIComponent(params.month)}`);
  if (params.quarter) parts.push(`quarter=${encodeURIComponent(params.quarter)}`);
  if (params.projectId) parts.push(`projectId=${encodeURIComponent(params.projectId)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** How a downloaded spreadsheet reaches the user: a browser link on H5, open-in-WeChat on the phone. */
export function downloadMode(env: string | undefined): 'link' | 'document' {
  return env === 'h5' ? 'link' : 'document';
}

/** Options of the HQ project picker: the company first, then its projects. */
export function projectOptions(projects: readonly { id: string; name: string }[], companyLabel = '全公司') {
  return [
    { id: null as string | null, name: companyLabel },
    ...projects.map((p) => ({ id: p.id as string | null, name: p.name })),
  ];
}
