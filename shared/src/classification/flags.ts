import { normalizeText } from './normalize';

/**
 * Flags 标记 read from a complaint text, independent of its category: emergencies to dispatch at
 * once (domain.md "Time limits": emergencies are dispatched at once), agitated residents to escalate
 * (服务上移, "Levels and special complaints"), and the compensation claimed, which makes a
 * complaint a major complaint 重大投诉 at ≥ 10,000 yuan.
 */
export interface ComplaintFlags {
  emergency: boolean;
  /** Emergency kinds found, e.g. ['燃气泄漏']. */
  emergencyMatched: string[];
  agitated: boolean;
  agitatedMatched: string[];
  /** Compensation claimed, in yuan, or null when none is claimed. */
  compensationYuan: number | null;
  /** Compensation claimed ≥ 10,000 yuan → 重大投诉. */
  majorComplaint: boolean;
}

/** domain.md "Levels and special complaints": 重大投诉 when the compensation claimed reaches this. */
export const MAJOR_COMPLAINT_YUAN = 10000;

const EMERGENCIES: ReadonlyArray<readonly [string, RegExp]> = [
  ['燃气泄漏', /(煤气|燃气|天然气|液化气)(味|泄漏|泄露|漏了)|漏气|闻到.{0,4}(煤气|燃气|天然气)/],
  ['漏电触电', /漏电|触电|被电到|电到人|冒火花|打火花|电线.{0,4}(着火|烧了|冒烟)|带电/],
  ['火情', /着火|起火|失火|火灾|烧起来|明火|火苗/],
  ['冒烟', /冒烟|浓烟|烟雾弥漫/],
  ['电梯困人', /被困.{0,6}电梯|困在.{0,4}电梯|(电梯|梯).{0,8}(困人|关人|困住|困了|关在里面|被困)|关在电梯/],
  [
    '爆管水浸',
    /(水管|管子|管道|主管|水表).{0,3}(爆裂|爆了|爆开|破裂)|爆管|水漫|淹了|被淹|进水了.{0,6}(很深|齐腰)/,
  ],
  ['人员晕倒', /晕倒|昏倒|昏迷|不省人事|倒地不起|心脏病发|抽搐|没有呼吸/],
  ['人员受伤', /受伤|流血|骨折|砸伤|咬伤|摔伤|头破血流|送医院|叫了?120/],
  ['高空坠物', /砸到人|坠落|高空坠物|掉下来.{0,6}(砸|伤)/],
  ['治安事件', /打架|斗殴|持刀|拿刀|行凶|抢劫/],
  ['人员被困或落水', /(小孩|孩子|老人|人).{0,6}(被锁在|困在|掉进|落水)|掉进.{0,4}(水里|井里|湖里|池里)/],
];
const NEGATION = /(没有|没|无|不是|未|并非|别)$/;

const AGITATION: ReadonlyArray<readonly [string, RegExp]> = [
  ['12345/市长热线', /12345|市长热线|信访|上访/],
  ['曝光/媒体', /曝光|媒体|记者|电视台|抖音|微博|发到网上|上热搜|头条/],
  ['拉横幅/集体维权', /拉横幅|横幅|维权|联名|集体投诉/],
  ['起诉/律师', /律师|起诉|告你们|法院|打官司|走法律/],
  ['最后通牒', /再不(处理|解决|管|来|修|给)|否则|不然我|我就(去|找|投诉|报警|不交)|后果自负|别怪我/],
  ['辱骂', /垃圾物业|滚|骗子|无耻|去死|废物|他妈|tmd|混蛋|王八蛋|狗屁|吃屎|sb/],
  ['拒交物业费/换物业', /拒交|不交物业费|罢免|换物业|炒掉物业|赶走物业/],
  ['忍无可忍', /忍无可忍|受够了|欺人太甚|太过分|气死|忍不了/],
];

/** Compensation words: an amount near one of these is a claim. */
const CLAIM = /赔偿|赔|补偿|索赔|损失|退还|退赔|返还|医药费|修理费|维修费|误工费|精神损失/g;

const CN_DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const CN_UNIT: Record<string, number> = {
  十: 10,
  拾: 10,
  百: 100,
  佰: 100,
  千: 1000,
  仟: 1000,
  万: 10000,
  亿: 1e8,
};

/**
 * Chinese numeral → number, including the colloquial trailing digit: 一万五 = 15000, 三千五 = 3500,
 * 一百五 = 150, 两万 = 20000, 十万 = 100000.
 */
export function parseChineseNumber(s: string): number | null {
  let total = 0;
  let section = 0;
  let number = 0;
  let lastUnit = 0;
  let seen = false;
  for (const ch of s) {
    if (ch in CN_DIGIT) {
      number = CN_DIGIT[ch];
      seen = true;
    } else if (ch in CN_UNIT) {
      const unit = CN_UNIT[ch];
      if (unit >= 10000) {
        total = (total + section + number) * unit;
        section = 0;
      } else {
        section += (number || 1) * unit;
      }
      number = 0;
      lastUnit = unit;
      seen = true;
    } else return null;
  }
  if (!seen) return null;
  // A bare digit after a unit is one order below it: 一万五 → 5 × 1000.
  const tail = number && lastUnit >= 10 ? number * (lastUnit / 10) : number;
  return total + section + tail;
}

interface Amount {
  value: number;
  start: number;
  end: number;
}

const NOT_MONEY_AFTER =
  /^(天|个月|月|年|楼|层|栋|幢|号|次|平|米|小时|分钟|点|岁|人|户|台|辆|条|只|家|遍|周|单元|室|多天|几天)/;

/** Money amounts in a normalised text: 15000元, 2万元, 1.5万, 一万五, 3k, 5w, 三千块. */
export function findAmounts(text: string): Amount[] {
  const out: Amount[] = [];
  const re =
    /(\d+(?:\.\d+)?)\s*(万|w|千|k)?(\d)?(?![\d.])|([零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖十拾百佰千仟万亿]+)/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const after = text.slice(re.lastIndex);
    let value: number | null;
    if (m[1] !== undefined) {
      const unit = (m[2] ?? '').toLowerCase();
      const mult = unit === '万' || unit === 'w' ? 10000 : unit === '千' || unit === 'k' ? 1000 : 1;
      value = parseFloat(m[1]) * mult + (m[3] && mult >= 1000 ? parseInt(m[3], 10) * (mult / 10) : 0);
      if (!unit && !/^\s*(元|块|rmb|圆)/.test(after) && value < 100) continue; // "3栋", "5楼"
    } else {
      const s = m[4];
      // Chinese numerals need a unit character or a currency word, or they are just words (一直, 一下).
      if (!/[十拾百佰千仟万亿]/.test(s) && !/^\s*(元|块|万)/.test(after)) continue;
      value = parseChineseNumber(s);
    }
    if (value === null || !isFinite(value) || value <= 0) continue;
    if (NOT_MONEY_AFTER.test(after.replace(/^\s*(多|几)?/, ''))) continue;
    out.push({ value: Math.round(value * 100) / 100, start: m.index, end: re.lastIndex });
  }
  return out;
}

/** Compensation claimed in yuan: the amount right after (or just before) a compensation word. */
export function parseCompensation(text: string): number | null {
  const norm = normalizeText(text);
  const amounts = findAmounts(norm);
  if (!amounts.length) return null;
  let best: number | null = null;
  for (const m of norm.matchAll(CLAIM)) {
    const kwStart = m.index ?? 0;
    const kwEnd = kwStart + m[0].length;
    const after = amounts.find((a) => a.start >= kwEnd && a.start - kwEnd <= 20);
    const before = [...amounts].reverse().find((a) => a.end <= kwStart && kwStart - a.end <= 12);
    const hit = after ?? before;
    if (hit && (best === null || hit.value > best)) best = hit.value;
  }
  return best;
}

export function detectFlags(text: string): ComplaintFlags {
  const norm = normalizeText(text);
  const emergencyMatched: string[] = [];
  for (const [label, re] of EMERGENCIES) {
    const m = re.exec(norm);
    if (!m) continue;
    if (NEGATION.test(norm.slice(Math.max(0, m.index - 3), m.index))) continue;
    emergencyMatched.push(label);
  }
  const agitatedMatched = AGITATION.filter(([, re]) => re.test(norm)).map(([label]) => label);
  const bangs = (norm.match(/!/g) ?? []).length;
  if (bangs >= 3 || /!!|\?\?\?|!\?!/.test(norm)) agitatedMatched.push('连续感叹号');
  if (/[😡🤬💢👿]/u.test(text)) agitatedMatched.push('愤怒表情');
  const compensationYuan = parseCompensation(text);
  return {
    emergency: emergencyMatched.length > 0,
    emergencyMatched,
    agitated: agitatedMatched.length > 0,
    agitatedMatched,
    compensationYuan,
    majorComplaint: compensationYuan !== null && compensationYuan >= MAJOR_COMPLAINT_YUAN,
  };
}
