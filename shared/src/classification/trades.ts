import type { DepartmentCode } from '../roles';
import { normalizeText } from './normalize';

/**
 * Repair trades 维修工种 (issue "route it to the right desk": for repairs a trade): which kind of tradesman a
 * repair needs. The project maps each trade to a department (defaults: all 工程部), and staff carry the trades
 * they do, so a leaking pipe goes to a plumber-electrician and a stuck lift to the outsourced lift company's
 * contact.
 */
export const REPAIR_TRADES = ['elevator', 'low_voltage', 'water_electric', 'civil', 'general'] as const;
export type RepairTrade = (typeof REPAIR_TRADES)[number];

export const REPAIR_TRADE_LABELS: Record<RepairTrade, string> = {
  elevator: '电梯（外包）',
  low_voltage: '弱电/智能化',
  water_electric: '水电',
  civil: '土建',
  general: '综合维修',
};

export const DEFAULT_TRADE_ROUTING: Record<RepairTrade, DepartmentCode> = {
  elevator: 'eng',
  low_voltage: 'eng',
  water_electric: 'eng',
  civil: 'eng',
  general: 'eng',
};

/** Words that point at a trade; earlier trades win ties (a lift's light is the lift company's). */
const TRADE_WORDS: Record<Exclude<RepairTrade, 'general'>, string[]> = {
  elevator: ['电梯', '升降梯', '扶梯', '轿厢', '困梯', '梯门', '电梯按钮'],
  low_voltage: [
    '门禁',
    '对讲',
    '监控',
    '摄像头',
    '道闸',
    '宽带',
    '网络',
    '有线电视',
    '电视信号',
    '智能锁',
    '烟感',
    '门铃',
    '刷卡',
  ],
  water_electric: [
    '水管',
    '漏水',
    '滴水',
    '水龙头',
    '龙头',
    '马桶',
    '下水',
    '堵',
    '地漏',
    '热水器',
    '水压',
    '水表',
    '停水',
    '没水',
    '电',
    '插座',
    '开关',
    '跳闸',
    '灯',
    '线路',
    '电表',
    '短路',
    '漏电',
    '水箱',
    '阀门',
    '花洒',
  ],
  civil: [
    '墙',
    '裂缝',
    '开裂',
    '瓷砖',
    '地砖',
    '天花',
    '吊顶',
    '渗水',
    '防水',
    '窗',
    '玻璃',
    '屋面',
    '空鼓',
    '粉刷',
    '墙皮',
    '脱落',
    '门框',
    '台阶',
    '楼梯扶手',
    '地面',
    '房门',
    '木门',
    '铰链',
    '合页',
  ],
};

export interface TradeGuess {
  trade: RepairTrade;
  /** The words that decided it (shown to staff). */
  matched: string[];
}

/** The trade a repair text needs; 综合维修 when nothing points anywhere. */
export function detectTrade(text: string): TradeGuess {
  const t = normalizeText(text);
  let best: TradeGuess = { trade: 'general', matched: [] };
  for (const trade of REPAIR_TRADES) {
    if (trade === 'general') continue;
    const matched = TRADE_WORDS[trade].filter((w) => t.includes(w));
    if (matched.length > best.matched.length) best = { trade, matched };
  }
  return best;
}

export function isRepairTrade(s: string): s is RepairTrade {
  return (REPAIR_TRADES as readonly string[]).includes(s);
}
