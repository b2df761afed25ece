/**
 * 查找工单 for the front desk, the lead and the manager: the filters and the query they make for
 * GET /api/staff/search (by number, phone tail, address or words; status, kind, category, days received;
 * 我登记的). Pure.
 */

export interface SearchFilters {
  q: string;
  /** '' = every status; 'open' = not finished; or one status. */
  status: string;
  kind: string;
  category: string;
  /** YYYY-MM-DD (Beijing), inclusive. */
  from: string;
  to: string;
  registered: boolean;
}

export const EMPTY_FILTERS: SearchFilters = {
  q: '',
  status: '',
  kind: '',
  category: '',
  from: '',
  to: '',
  registered: false,
};

export const STATUS_FILTERS: ReadonlyArray<{ value: string; label: string }> = [
  { value: '', label: '全部状态' },
  { value: 'open', label: '未办结' },
  { value: 'awaiting_visit', label: '待回访' },
  { value: 'closed', label: '已关闭' },
  { value: 'cancelled', label: '已撤销' },
];

export const KIND_FILTERS: ReadonlyArray<{ value: string; label: string }> = [
  { value: '', label: '全部类型' },
  { value: 'complaint', label: '投诉' },
  { value: 'repair', label: '报修' },
  { value: 'suggestion', label: '建议' },
  { value: 'praise', label: '表扬' },
  { value: 'inquiry', label: '咨询' },
];

/** The endpoint with its query (without paging); empty filters are left out. */
export function searchPath(f: SearchFilters): string {
  const parts: string[] = [];
  const add = (k: string, v: string) => parts.push(`${k}=${encodeURIComponent(v)}`);
  if (f.q.trim()) add('q', f.q.trim());
  if (f.status) add('status', f.status);
  if (f.kind) add('kind', f.kind);
  if (f.category) add('category', f.category);
  if (f.from) add('from', f.from);
  if (f.to) add('to', f.to);
  if (f.registered) add('registered', 'true');
  return `/api/staff/search${parts.length ? `?${parts.join('&')}` : ''}`;
}

/** What stops a search before it is sent: a range that ends before it starts. */
export function filtersError(f: SearchFilters): string | null {
  if (f.from && f.to && f.from > f.to) return '结束日期不能早于开始日期';
  if (f.q.trim().length > 50) return '搜索词不能超过 50 个字';
  return null;
}

/** "共 3 条 · 我登记的 · 未办结 · 报修" — what the list shows. */
export function filtersSummary(f: SearchFilters, total: number): string {
  const bits = [`共 ${total} 条`];
  if (f.registered) bits.push('我登记的');
  const status = STATUS_FILTERS.find((s) => s.value === f.status && s.value);
  if (status) bits.push(status.label);
  const kind = KIND_FILTERS.find((k) => k.value === f.kind && k.value);
  if (kind) bits.push(kind.label);
  if (f.category) bits.push(f.category);
  if (f.from || f.to) bits.push(`${f.from || '…'} 至 ${f.to || '…'}`);
  return bits.join(' · ');
}
