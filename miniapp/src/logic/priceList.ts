/**
 * The project's price list 维修价目表 for paid repairs, as the staff page shows and edits it: lines grouped by
 * what they charge for, prices typed and shown in yuan (the API speaks fen), what blocks saving, and who may
 * edit. Pure. Staff-only: imports the staff door to @wuye/shared.
 */
import { formatFen, yuanToFen } from '../shared';
import {
  PRICE_ITEM_KINDS,
  PRICE_ITEM_KIND_LABELS,
  QUOTE_ITEM_NAME_MAX,
  QUOTE_MAX_TOTAL_FEN,
  type PriceItemKind,
} from '../staff/shared';
import type { PriceItem } from '../services/types';

export const UNIT_MAX = 10;
export const DEFAULT_UNIT = '项';
/** The server takes any int for the order; a phone keyboard needs no more than this. */
export const SORT_MAX = 9999;

export const PRICE_LIST_TEXT = {
  add: '新增收费项目',
  edit: '修改收费项目',
  kind: '收费类别',
  name: '名称',
  namePlaceholder: '如：更换水龙头',
  unit: '单位（选填）',
  unitPlaceholder: `如：次、个、米，不填为“${DEFAULT_UNIT}”`,
  price: '价格（元）',
  pricePlaceholder: '如：50 或 25.50',
  sort: '排序（选填，数字小的在前）',
  materialHint: '材料按成本价收取：这里填参考成本价，报价时可按实际成本另填。',
  save: '保存',
  saving: '保存中…',
  cancel: '取消',
  saved: '已保存',
  retire: '停用',
  retireTitle: '停用收费项目',
  retireConfirm: '停用后报价时不再显示此项目，已发出的报价不受影响。确定停用吗？',
  retired: '已停用',
  restore: '恢复启用',
  restored: '已恢复启用',
  empty: '价目表还没有收费项目',
  emptyEditor: '点击上方“新增收费项目”开始维护价目表',
  readOnly: '价目表由项目经理维护，报价时按此收费',
  retiredGroup: '已停用',
  pickProject: '选择项目',
  noProjects: '没有可查看的项目',
  notStaff: '该页面仅限物业员工使用',
} as const;

/** Only the project's manager edits the list (the server refuses everyone else); every staff member reads it. */
export function canEditPriceList(role: string | null | undefined): boolean {
  return role === 'project_manager';
}

/** '¥50.00 / 次'. */
export function priceText(item: Pick<PriceItem, 'priceFen' | 'unit'>): string {
  return `${formatFen(item.priceFen)} / ${item.unit || DEFAULT_UNIT}`;
}

export interface PriceGroup {
  /** A kind, or 'retired' for the lines no longer offered. */
  key: PriceItemKind | 'retired';
  title: string;
  items: PriceItem[];
}

/**
 * Active lines by kind (labour, call-out, materials), in the list's own order (sort, then as the server
 * answered); retired lines last, in a group of their own. Empty groups are left out.
 */
export function groupPriceItems(items: readonly PriceItem[]): PriceGroup[] {
  const ordered = items
    .map((item, n) => ({ item, n }))
    .sort((a, b) => (a.item.sort ?? 0) - (b.item.sort ?? 0) || a.n - b.n)
    .map((x) => x.item);
  const active = ordered.filter((i) => i.active !== false);
  const groups: PriceGroup[] = PRICE_ITEM_KINDS.map((kind) => ({
    key: kind,
    title: PRICE_ITEM_KIND_LABELS[kind],
    items: active.filter((i) => i.kind === kind),
  }));
  groups.push({
    key: 'retired',
    title: PRICE_LIST_TEXT.retiredGroup,
    items: ordered.filter((i) => i.active === false),
  });
  return groups.filter((g) => g.items.length > 0);
}

/** Fen as the price field shows it: 5000 → '50', 2550 → '25.50', 5 → '0.05'. No float on the way. */
export function fenToYuanText(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  return cents === 0 ? String(yuan) : `${yuan}.${String(cents).padStart(2, '0')}`;
}

/** The add/edit form: the price as typed in yuan, the order as typed. */
export interface PriceDraft {
  id: string | null;
  kind: PriceItemKind | '';
  name: string;
  unit: string;
  priceYuan: string;
  sort: string;
  active: boolean;
}

export function newPriceDraft(kind: PriceItemKind | '' = 'labour'): PriceDraft {
  return { id: null, kind, name: '', unit: '', priceYuan: '', sort: '', active: true };
}

export function draftFromItem(item: PriceItem): PriceDraft {
  return {
    id: item.id,
    kind: item.kind,
    name: item.name,
    unit: item.unit === DEFAULT_UNIT ? '' : item.unit,
    priceYuan: fenToYuanText(item.priceFen),
    sort: item.sort ? String(item.sort) : '',
    active: item.active !== false,
  };
}

const chars = (s: string) => [...s].length;

/** The price in fen, or a message saying what is wrong with it. */
export function parsePrice(text: string): { fen: number } | { message: string } {
  const t = text.trim().replace(/^[¥￥]\s*/, '');
  if (!t) return { message: '请填写价格' };
  if (/^-/.test(t)) return { message: '价格不能为负数' };
  const fen = yuanToFen(t);
  if (fen === null) return { message: '请填写正确的价格（元），最多两位小数，如 25.50' };
  if (fen > QUOTE_MAX_TOTAL_FEN) return { message: `价格不能超过 ${formatFen(QUOTE_MAX_TOTAL_FEN)}` };
  return { fen };
}

/** A message for what blocks saving, or null (the server's own checks, said before the request). */
export function priceDraftProblem(d: PriceDraft): string | null {
  if (!d.kind || !(PRICE_ITEM_KINDS as readonly string[]).includes(d.kind))
    return '请选择收费类别：人工费、上门费或材料费';
  const name = d.name.trim();
  if (!name) return '请填写收费项目名称';
  if (chars(name) > QUOTE_ITEM_NAME_MAX) return `名称不能超过 ${QUOTE_ITEM_NAME_MAX} 字`;
  if (chars(d.unit.trim()) > UNIT_MAX) return `单位不能超过 ${UNIT_MAX} 字`;
  const price = parsePrice(d.priceYuan);
  if ('message' in price) return price.message;
  const sort = d.sort.trim();
  if (sort && !/^\d{1,4}$/.test(sort)) return `排序请填写 0–${SORT_MAX} 的整数`;
  return null;
}

/** What POST /api/pay/price-items and the update take (call priceDraftProblem first). */
export interface PriceItemBody {
  kind: PriceItemKind;
  name: string;
  unit: string;
  priceFen: number;
  sort: number;
  active?: boolean;
}

/** The request body of a valid draft; the unit left empty becomes 项 on the server. */
export function priceItemBody(d: PriceDraft): PriceItemBody {
  const price = parsePrice(d.priceYuan);
  if (!d.kind || 'message' in price) throw new Error(priceDraftProblem(d) ?? '价目表内容有误');
  const body: PriceItemBody = {
    kind: d.kind,
    name: d.name.trim(),
    unit: d.unit.trim(),
    priceFen: price.fen,
    sort: d.sort.trim() ? Number(d.sort.trim()) : 0,
  };
  // A new line is always active; an existing one keeps (or changes) its state.
  if (d.id) body.active = d.active;
  return body;
}

/** The whole line with another active state: retiring or restoring does not take the form's unsaved edits. */
export function activeBody(item: PriceItem, active: boolean): PriceItemBody {
  return {
    kind: item.kind,
    name: item.name,
    unit: item.unit,
    priceFen: item.priceFen,
    sort: item.sort ?? 0,
    active,
  };
}

/** GET /api/pay/price-items for the user's project; HQ names one of its company's projects. */
export function priceListPath(projectId: string | null | undefined): string {
  return `/api/pay/price-items${projectId ? `?projectId=${encodeURIComponent(projectId)}` : ''}`;
}

/** The update of one line. PUT, not the API's PATCH: wx.request cannot send PATCH. */
export function priceItemPath(id: string): string {
  return `/api/pay/price-items/${encodeURIComponent(id)}`;
}
