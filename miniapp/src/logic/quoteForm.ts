/**
 * The staff quote form 报价单: lines picked from the project's price list (labour, call-out, materials
 * at the list's reference cost) or materials written in at cost, priced with the same rule the server
 * applies (priceQuote in @wuye/shared). Pure. Staff-only: imports the staff door to @wuye/shared.
 */
import { formatFen, yuanToFen } from '../shared';
import { priceQuote, PRICE_ITEM_KIND_LABELS, type QuoteLineInput } from '../staff/shared';
import type { PriceItemView } from '../services/types';

export type DraftLine =
  | { priceItemId: string; quantity: number }
  | { material: true; name: string; unit: string; costYuan: string; quantity: number };

export const QUOTE_FORM_TEXT = {
  title: '发送报价',
  fromList: '从价目表选择',
  material: '添加材料（按成本价）',
  materialName: '材料名称',
  materialCost: '成本单价（元）',
  materialUnit: '单位',
  note: '说明（业主可见，选填）',
  total: '合计',
  send: '发送给业主',
  sending: '发送中…',
  sent: '报价已发送',
  empty: '价目表还没有收费项目，请项目经理先维护价目表',
  badCost: '请填写正确的成本单价，如 25.50',
} as const;

export function addPriceItem(lines: readonly DraftLine[], item: PriceItemView): DraftLine[] {
  const i = lines.findIndex((l) => 'priceItemId' in l && l.priceItemId === item.id);
  if (i < 0) return [...lines, { priceItemId: item.id, quantity: 1 }];
  return lines.map((l, n) => (n === i ? { ...l, quantity: l.quantity + 1 } : l));
}

export function addMaterial(
  lines: readonly DraftLine[],
  name: string,
  costYuan: string,
  unit: string,
): DraftLine[] {
  return [
    ...lines,
    { material: true, name: name.trim(), unit: unit.trim(), costYuan: costYuan.trim(), quantity: 1 },
  ];
}

/** Quantity 0 removes the line. */
export function setQuantity(lines: readonly DraftLine[], index: number, quantity: number): DraftLine[] {
  if (quantity <= 0) return lines.filter((_, n) => n !== index);
  return lines.map((l, n) => (n === index ? { ...l, quantity } : l));
}

export interface QuotePreview {
  ok: boolean;
  message: string | null;
  rows: { name: string; kind: string; detail: string; amount: string }[];
  totalText: string;
}

/** What the resident will see, or what is wrong; written-in costs are typed in yuan. */
export function previewQuote(lines: readonly DraftLine[], list: readonly PriceItemView[]): QuotePreview {
  const inputs: QuoteLineInput[] = [];
  for (const l of lines) {
    if ('priceItemId' in l) {
      const p = list.find((x) => x.id === l.priceItemId);
      if (!p)
        return {
          ok: false,
          message: '有收费项目已从价目表移除，请删除后重新选择',
          rows: [],
          totalText: formatFen(0),
        };
      inputs.push({
        kind: p.kind,
        name: p.name,
        unit: p.unit,
        unitPriceFen: p.priceFen,
        quantity: l.quantity,
      });
    } else {
      const fen = yuanToFen(l.costYuan);
      if (fen === null || fen < 0)
        return { ok: false, message: QUOTE_FORM_TEXT.badCost, rows: [], totalText: formatFen(0) };
      inputs.push({ kind: 'material', name: l.name, unit: l.unit, unitPriceFen: fen, quantity: l.quantity });
    }
  }
  const priced = priceQuote(inputs);
  if (!priced.ok) return { ok: false, message: priced.message, rows: [], totalText: formatFen(0) };
  return {
    ok: true,
    message: null,
    rows: priced.lines.map((l) => ({
      name: l.name,
      kind: PRICE_ITEM_KIND_LABELS[l.kind],
      detail: `${formatFen(l.unitPriceFen)} × ${l.quantity}${l.unit}`,
      amount: formatFen(l.amountFen),
    })),
    totalText: formatFen(priced.totalFen),
  };
}

/** POST /api/tickets/:id/quotes body. */
export function quoteRequest(lines: readonly DraftLine[], note: string) {
  return {
    items: lines.map((l) =>
      'priceItemId' in l
        ? { priceItemId: l.priceItemId, quantity: l.quantity }
        : {
            kind: 'material',
            name: l.name,
            unit: l.unit || undefined,
            unitPriceFen: yuanToFen(l.costYuan) ?? 0,
            quantity: l.quantity,
          },
    ),
    ...(note.trim() ? { note: note.trim() } : {}),
  };
}
