/**
 * WeChat Pay's daily trade bill 交易账单 (GET /v3/bill/tradebill → download_url), bill_type ALL:
 * a header line, one line per payment or refund with every field prefixed by a backtick, then a
 * totals block starting with 总交易单数. Columns are found by their Chinese header, not position.
 */
import { yuanToFen } from './money';

export interface BillRow {
  tradeTime: string;
  appId: string;
  mchId: string;
  transactionId: string;
  outTradeNo: string;
  /** SUCCESS for a payment line, REFUND for a refund line (others: REVOKED …). */
  tradeState: string;
  /** 应结订单金额 in fen. */
  totalFen: number;
  refundId: string;
  outRefundNo: string;
  refundFen: number;
  /** SUCCESS / PROCESSING / … on refund lines. */
  refundStatus: string;
}

const COLUMNS: Record<keyof BillRow, string> = {
  tradeTime: '交易时间',
  appId: '公众账号ID',
  mchId: '商户号',
  transactionId: '微信订单号',
  outTradeNo: '商户订单号',
  tradeState: '交易状态',
  totalFen: '应结订单金额',
  refundId: '微信退款单号',
  outRefundNo: '商户退款单号',
  refundFen: '退款金额',
  refundStatus: '退款状态',
};

export class BillFormatError extends Error {}

/** Parses the bill text; throws BillFormatError when a needed column or amount is missing. */
export function parseTradeBill(text: string): BillRow[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  if (!lines.length) return [];
  const header = lines[0].split(',').map((h) => h.trim());
  const index = {} as Record<keyof BillRow, number>;
  for (const [key, name] of Object.entries(COLUMNS) as [keyof BillRow, string][]) {
    const i = header.indexOf(name);
    if (i < 0) throw new BillFormatError(`账单缺少“${name}”列`);
    index[key] = i;
  }
  const rows: BillRow[] = [];
  for (const line of lines.slice(1)) {
    if (line.startsWith('总交易单数')) break;
    // Every field starts with a backtick, so ",`" separates fields even if a product name holds a comma.
    const cells = line.replace(/^`/, '').split(',`');
    const cell = (k: keyof BillRow) => (cells[index[k]] ?? '').trim();
    const fen = (k: 'totalFen' | 'refundFen') => {
      const v = yuanToFen(cell(k) || '0');
      if (v === null) throw new BillFormatError(`账单金额格式不正确：${cell(k)}`);
      return v;
    };
    rows.push({
      tradeTime: cell('tradeTime'),
      appId: cell('appId'),
      mchId: cell('mchId'),
      transactionId: cell('transactionId'),
      outTradeNo: cell('outTradeNo'),
      tradeState: cell('tradeState'),
      totalFen: fen('totalFen'),
      refundId: cell('refundId') === '0' ? '' : cell('refundId'),
      outRefundNo: cell('outRefundNo') === '0' ? '' : cell('outRefundNo'),
      refundFen: fen('refundFen'),
      refundStatus: cell('refundStatus'),
    });
  }
  return rows;
}

const yuan = (fen: number) => `\`${(fen / 100).toFixed(2)}`;

/** Writes a bill in WeChat's format (the test fake serves it; also documents the format). */
export function formatTradeBill(rows: readonly BillRow[]): string {
  const header = [
    '交易时间',
    '公众账号ID',
    '商户号',
    '特约商户号',
    '设备号',
    '微信订单号',
    '商户订单号',
    '用户标识',
    '交易类型',
    '交易状态',
    '付款银行',
    '货币种类',
    '应结订单金额',
    '代金券金额',
    '微信退款单号',
    '商户退款单号',
    '退款金额',
    '充值券退款金额',
    '退款类型',
    '退款状态',
    '商品名称',
    '商户数据包',
    '手续费',
    '费率',
    '订单金额',
    '申请退款金额',
    '费率备注',
  ];
  const lines = rows.map((r) =>
    [
      `\`${r.tradeTime}`,
      `\`${r.appId}`,
      `\`${r.mchId}`,
      '`0',
      '`',
      `\`${r.transactionId}`,
      `\`${r.outTradeNo}`,
      '`openid',
      '`JSAPI',
      `\`${r.tradeState}`,
      '`OTHERS',
      '`CNY',
      yuan(r.totalFen),
      '`0.00',
      `\`${r.refundId || '0'}`,
      `\`${r.outRefundNo || '0'}`,
      yuan(r.refundFen),
      '`0.00',
      '`ORIGINAL',
      `\`${r.refundStatus}`,
      '`维修费',
      '`',
      '`0.00000',
      '`0.60%',
      yuan(r.totalFen),
      yuan(r.refundFen),
      '`',
    ].join(','),
  );
  const paid = rows.filter((r) => r.tradeState === 'SUCCESS').reduce((s, r) => s + r.totalFen, 0);
  const refunded = rows.reduce((s, r) => s + r.refundFen, 0);
  return [
    header.join(','),
    ...lines,
    '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
    [`\`${rows.length}`, yuan(paid), yuan(refunded), '`0.00', '`0.00000', yuan(paid), yuan(refunded)].join(
      ',',
    ),
  ].join('\r\n');
}
