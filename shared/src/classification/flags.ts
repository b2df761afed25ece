import { normalizeText } from './normalize';
import {
  EMERGENCY_LABELS,
  URGENT_NOW,
  emergencyCues,
  type EmergencyCue,
  type EmergencyKind,
} from './emergency';

/**
 * Flags 标记 read from a complaint text, independent of its category: emergencies to dispatch at
 * once (docs/domain-rules.md "Time limits": emergencies are dispatched at once), agitated residents to escalate
 * (服务上移, "Levels and special complaints"), and the compensation claimed, which makes a
 * complaint a major complaint 重大投诉 at ≥ 10,000 yuan.
 */
export interface ComplaintFlags {
  emergency: boolean;
  /** Emergency kinds found, in Chinese, e.g. ['燃气泄漏']. */
  emergencyMatched: string[];
  /** The main emergency kind (code), or null. */
  emergencyKind: EmergencyKind | null;
  /** The words that made it an emergency, as written (empty when only the model saw it). */
  emergencyWords: string[];
  agitated: boolean;
  agitatedMatched: string[];
  /** Compensation claimed, in yuan, or null when none is claimed. */
  compensationYuan: number | null;
  /** Compensation claimed ≥ 10,000 yuan → 重大投诉. */
  majorComplaint: boolean;
}

/** docs/domain-rules.md "Levels and special complaints": 重大投诉 when the compensation claimed reaches this. */
export const MAJOR_COMPLAINT_YUAN = 10000;

const AGITATION: ReadonlyArray<readonly [string, RegExp]> = [
  [
    '12345/市长热线',
    /12345|12365|市长热线|市民热线|信访|上访|消协|消费者协会|住建(局|委)|房管局|街道办|投诉到(区|市|街道|政府)/,
  ],
  ['曝光/媒体', /曝光|媒体|记者|电视台|抖音|微博|小红书|发到网上|发网上|上热搜|头条|朋友圈.{0,4}(发|曝)/],
  ['拉横幅/集体维权', /拉横幅|横幅|维权|联名|集体投诉|业委会.{0,4}(罢免|投票)/],
  ['起诉/律师', /律师|起诉|告你们|法院|打官司|走法律|法律途径|诉讼/],
  [
    '最后通牒',
    /再不(处理|解决|管|来|修|给|弄|搞)|否则|不然我|我就(去|找|投诉|报警|不交|打)|后果自负|别怪我|最后一次|给个说法|给我个说法|必须给/,
  ],
  [
    '辱骂',
    /垃圾物业|垃圾wy|滚|骗子|无耻|去死|废物|他妈|tmd|nmd|混蛋|王八蛋|狗屁|吃屎|sb|傻[逼b×]|脑残|狗东西|吃干饭|饭桶|不要脸|黑心|缺德|吸血/,
  ],
  ['拒交物业费/换物业', /拒交|不交物业费|不交了|一分钱都不交|罢免|换物业|炒掉物业|赶走物业|滚出小区/],
  ['忍无可忍', /忍无可忍|受够了|欺人太甚|太过分|气死|忍不了|崩溃|火大|肺都气炸|无法无天|简直了|破防/],
  [
    '反复投诉',
    /第[二三四五六七八九十\d]+次|[三四五六七八九十\d]+次了|说了.{0,3}[三四五六七八九十几\d]+.{0,2}(次|遍|回|个月|年)|多少次|无数次|几次三番|三番五次|反映了.{0,6}(个月|年|次)|一直没人(管|理|处理)|踢皮球|推来推去/,
  ],
];

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
  /** Written as money (a currency word or a 万/千/k/w unit), not a bare number read from its context. */
  explicit: boolean;
}

const NOT_MONEY_AFTER =
  /^(天|个月|月|年|楼|层|栋|幢|号|次|平|米|小时|分钟|点|岁|人|户|台|辆|条|只|家|遍|周|单元|室|多天|几天|兆|m|g|度|斤|公里|里|个|张|块地|块砖|块瓷砖|块玻璃|片)/;
/** Verbs and nouns that make a bare number money: 花了2400, 报价2800, 收我180, 年卡1980. */
const MONEY_BEFORE =
  /(花了?|要|报价|定损|修了?|补漆|喷漆|洗车|抛光|重贴|重做|重新铺|连工带料|换|清理|拆洗|房租|租金|月租|rmb|¥|￥|收了?我?|交了?|一共是?|共|总共|合计|共计|加起来|算下来|至少|起码|价格?|值|买|赔|退|损失|费|全款|多收|扣了?|花费|估价|估了|卡|损|赔偿|补偿|报销|换玻璃|医药费|钱|押金|保证金|定金|订金)[^\d一二三四五六七八九十]{0,3}$/;
/** A claim right after a bare number makes it money: "剩下的1800能退给我吗", "那个垫子280，赔一个新的". */
const MONEY_AFTER =
  /^(多)?\s*(块钱?|元)?\s*(的(月租|租金|房租|费用?|钱|押金))?\s*[,，]?\s*((能|要|请|麻烦|你们|必须|得|至少|起码)?(退|赔|返还|报销)|(能不能|能否|可以|可不可以)?找.{0,4}要)/;
/** Money words strong enough to make a small bare number money. */
const MONEY_BEFORE_STRONG = /(花了|收了?我?|扣了?我?|多收|多扣|多交|退|赔|费)[^\d]{0,2}$/;
/** Telephone hotlines are numbers, not money. */
const HOTLINE = /^(12345|12315|12365|12319|12369|12358|110|119|120|122|95598|96\d{3})$/;
/** Unit prices are not the amount claimed: 每平2500, 一个月150. */
const UNIT_PRICE_BEFORE = /(每|一个?)(平|平米|平方|月|天|年|次|户|小时)[^\d]{0,2}$|单价[^\d]{0,2}$/;
/** "每户赔偿五万": a claim per household is the claim, not a unit price. */
const CLAIM_AFTER_UNIT = /(赔偿?|补偿|退还?|返还)[^\d]{0,2}$/;
/** Pieces counted, not yuan: 地砖一共十七块, 碎了两块玻璃. */
const PIECES_BEFORE = /(砖|玻璃|石材|板|瓦)[^.!?;]{0,12}$/;

/** Money amounts in a normalised text: 15000元, 2万元, 1.86万, 一万八千六, 3k, 5w, 三千块, 花了2400. */
export function findAmounts(text: string): Amount[] {
  const out: Amount[] = [];
  const re =
    /(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(万|w|千|k)?(\d)?(?!\d|\.\d|,\d{3})|([零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖十拾百佰千仟万亿]+)/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const after = text.slice(re.lastIndex);
    const before = text.slice(Math.max(0, m.index - 8), m.index);
    let value: number | null;
    let explicit = /^\s*(多|几)?\s*(元|块|rmb|圆|万)/.test(after);
    if (m[1] !== undefined) {
      const unit = (m[2] ?? '').toLowerCase();
      const mult = unit === '万' || unit === 'w' ? 10000 : unit === '千' || unit === 'k' ? 1000 : 1;
      value =
        parseFloat(m[1].replace(/,/g, '')) * mult +
        (m[3] && mult >= 1000 ? parseInt(m[3], 10) * (mult / 10) : 0);
      if (unit) explicit = true;
      if (!explicit) {
        // A bare number is money only where the words around it say so, and never a hotline.
        // Under 100 only where a money word or a claim is right there ("洗车花了80", "多收的15退给我").
        if (HOTLINE.test(m[1]) || value < 10) continue;
        if (value < 100 && !MONEY_BEFORE_STRONG.test(before) && !MONEY_AFTER.test(after)) continue;
        if (
          !MONEY_BEFORE.test(before) &&
          !/^(的(耳机|手机|东西|衣服|鞋|包|电脑|家电|电视)|买的)/.test(after) &&
          !MONEY_AFTER.test(after)
        )
          continue;
      }
    } else {
      let s = m[4];
      // Two digits in a row never occur inside a numeral (一千零五 has its 零): 九千二一分不少 is 九千二 + 一分.
      if (/[^零〇][一二两三四五六七八九壹贰叁肆伍陆柒捌玖]{2}$/.test(s) && /[十拾百佰千仟万亿]/.test(s)) {
        s = s.slice(0, -1);
        re.lastIndex -= 1;
      }
      // Chinese numerals need a unit character or a currency word, or they are just words (一直, 一下, 万一, 千万).
      if (!/[十拾百佰千仟万亿]/.test(s) && !explicit) continue;
      if (/^[万千亿百仟佰]/.test(s)) continue;
      value = parseChineseNumber(s);
      if (value !== null && value < 10) continue; // 一块掉下来: a piece, not a yuan
      if (value !== null && (value >= 1000 || /[万千仟]/.test(s)))
        explicit = explicit || MONEY_BEFORE.test(before);
      if (!explicit && !MONEY_BEFORE.test(before) && !/^\s*(多|几)?\s*(元|块)/.test(after)) {
        if (value === null || value < 100) continue;
      }
    }
    if (value === null || !isFinite(value) || value <= 0) continue;
    // A unit right after the number (not across a space: "两千四百五 楼上说…" is money, then another sentence).
    if (NOT_MONEY_AFTER.test(after.replace(/^(多|几)/, ''))) continue;
    if (UNIT_PRICE_BEFORE.test(before) && !CLAIM_AFTER_UNIT.test(before) && !/下来[^\d]{0,1}$/.test(before))
      continue;
    if (/^\s*块(?!钱)/.test(after) && value < 100 && PIECES_BEFORE.test(text.slice(0, m.index))) continue;
    out.push({ value: Math.round(value * 100) / 100, start: m.index, end: re.lastIndex, explicit });
  }
  return out;
}

/** Words that make a text a claim for money: compensation, refund, someone must pay or answer for a loss. */
const CLAIM_INTENT =
  /(要|能不能|能否|可以|能|可不可以|怎么|不给|不|没|还没|申请|必须)退|退多|多(收|扣|交)的|押金.{0,24}(不退|没退|没有退|未退|还不退|拖着)|(砸|泡|刮|划|摔|撞|扎破|咬|弄丢|丢了|弄坏|损坏|烧坏|烧了|淹|震裂|打穿|弄脏|碰到|碰坏|洒|褪色|漏到|渗到|霉|淋湿|烫|碎|裂|偷|拉走|堵死|翻肚皮).{0,60}(修|补漆|重贴|重做|重装|重砌|重新铺|洗车|拆洗|抛光|看病|医药|宠物医院|换|价值|花了|一共|总共|合计|加起来|算下来|就算|就按|说)|(买的|花了|价值).{0,40}(砸|泡|烧了|烧坏|偷|丢了|碎|坏了)|(让|叫|要)(他|她|他们|他家|他们家|楼上|楼下|隔壁|物业|你们|开发商|施工方|公司).{0,2}(出|赔|负责|承担|掏)|找.{1,6}要(吗|钱|回|赔|个说法|\?|$)|(得|要|给我|你们)报|少一分(钱)?都不行|一分(钱)?(都)?不能少|退呢|还(给)?我|赔|补偿|索赔|报销|退(钱|还|回|给|费|款|我|一半|全款|差价|不退|了|房款)|全退|要求退|退[\d一二三四五六七八九十两]|(物业|你们|他们|开发商|楼上|他家)(出|赔|负责|承担|报)|报(一下|了|销)|追回|要回|全额退|返还|承担|(得|要|必须|应该|应当).{0,6}(出|负责|负这个责|掏|给)|负(这个)?责任?|(谁|哪个)(出|来担|负责|赔)|看着办|怎么办|找他要|违约金|差价|损失|医药费|医疗费|误工费|定损|跑不掉/;
/** Claim words right beside an amount: "赔偿1.86万", "退我差价145", "多收的五百块退给我". */
const CLAIM_WORD =
  /赔偿?|补偿|报销|退(还|回|给我|我)?|返还|承担|违约金|差价|损失|索赔|给我报|报了|追回|要回|(你们|物业|他们|开发商|他家|楼上)(出|赔|付|负责)/g;
/** Words that introduce the total of a loss: it is the amount claimed. */
const TOTAL_BEFORE = /(一共|总共|合计|共计|加起来|加在一起|算下来)[^\d一二三四五六七八九十两]{0,3}$/;
/**
 * Compensation claimed in yuan (docs/classification-rules.md §5): when the text claims money anywhere, the
 * largest amount written right beside a claim word ("要求赔偿1.86万", "退我差价145"), else the largest amount
 * written as money (the total of the loss); unit prices, hotlines and vague amounts (几百) left out.
 */
export function parseCompensation(text: string): number | null {
  const norm = normalizeText(text.replace(/(\d)[，、](?=\d)/g, '$1；'));
  if (!CLAIM_INTENT.test(norm)) return null;
  // Thanks for a repair that cost something is not a claim ("修个下水道花了80 师傅很负责 谢谢").
  if (/谢谢|感谢|点赞|表扬/.test(norm) && !/赔|退|补偿|报销/.test(norm)) return null;
  // Vague amounts (几百) and what the other side offered (只肯给五千) are not the claim.
  const amounts = findAmounts(norm).filter(
    (a) =>
      !/几$|(只肯?|就肯|只愿意|愿意|说|最多)(给|出|赔)(我)?$|给的$|(要|让|叫)(我|俺)(出|交|付|赔)$|要(我|俺)赔.{0,4}$|(要|说|会)扣(我)?(的)?(押金|保证金)?$|赔了我$|已经(赔|给|退)了?(我)?$|(他|她|他们|楼上|邻居|对方)(已经|答应|同意)?(赔|给)(了)?我$|(同意|答应|愿意|说要)赔(我)?$|说(是)?(每.{1,3})?(补偿|赔|给)$|不要.{0,4}赔$/.test(
        norm.slice(Math.max(0, a.start - 8), a.start),
      ),
  );
  if (!amounts.length) return null;
  // "退一半", "至少赔一半": half of the amount paid (the half itself when the resident wrote it too).
  const settled = amounts.filter((a) =>
    /(就算|就按|按|那就是|就是)[^\d一二三四五六七八九十两]{0,2}$/.test(
      norm.slice(Math.max(0, a.start - 6), a.start),
    ),
  );
  if (settled.length) return settled[settled.length - 1].value;
  const halfClaim = /(退|赔|补偿|返还|出)(我)?一半/.exec(norm);
  if (halfClaim) {
    const after = halfClaim.index + halfClaim[0].length;
    const written = amounts.find((a) => a.start >= after && a.start - after <= 4);
    if (written) return written.value;
    const top = Math.max(...amounts.map((a) => a.value));
    const half = amounts.find((a) => a.value * 2 === top);
    return half ? half.value : Math.round((top / 2) * 100) / 100;
  }
  const totals = amounts.filter((a) => TOTAL_BEFORE.test(norm.slice(Math.max(0, a.start - 8), a.start)));
  if (totals.length) return Math.max(...totals.map((a) => a.value));
  const beside: number[] = [];
  for (const m of norm.matchAll(CLAIM_WORD)) {
    const kwStart = m.index ?? 0;
    const kwEnd = kwStart + m[0].length;
    for (const a of amounts) {
      const gap =
        a.start >= kwEnd ? norm.slice(kwEnd, a.start) : a.end <= kwStart ? norm.slice(a.end, kwStart) : null;
      // Beside means in the same clause, a few characters away.
      if (gap !== null && gap.length <= (a.start >= kwEnd ? 8 : 6) && !/[,.!?;]/.test(gap))
        beside.push(a.value);
    }
  }
  return Math.max(...(beside.length ? beside : amounts.map((a) => a.value)));
}

/** Flags from the text alone (cue patterns); `analyzeComplaint` adds the trained heads' view. */
export function detectFlags(text: string): ComplaintFlags {
  const norm = normalizeText(text);
  return flagsFrom(text, norm, emergencyCues(norm));
}

/** `detectFlags` on a text already normalised and read for emergency cues (extractFeatures did both). */
export function flagsFrom(text: string, norm: string, cues: readonly EmergencyCue[]): ComplaintFlags {
  const agitatedMatched = AGITATION.filter(([, re]) => re.test(norm)).map(([label]) => label);
  const bangs = (norm.match(/!/g) ?? []).length;
  if (bangs >= 3 || /!!|\?\?\?|!\?!/.test(norm)) agitatedMatched.push('连续感叹号');
  if (/[😡🤬💢👿]/u.test(text)) agitatedMatched.push('愤怒表情');
  const compensationYuan = parseCompensation(text);
  // Damage told as a claim for money has happened (docs/classification-rules.md §3: an old injury told as a claim
  // is not an emergency) unless the text says the danger is still going on.
  const live = compensationYuan !== null && !URGENT_NOW.test(norm) ? [] : cues;
  return {
    emergency: live.length > 0,
    emergencyMatched: live.map((c) => EMERGENCY_LABELS[c.kind]),
    emergencyKind: live[0]?.kind ?? null,
    emergencyWords: live.map((c) => c.words),
    agitated: agitatedMatched.length > 0,
    agitatedMatched,
    compensationYuan,
    majorComplaint: compensationYuan !== null && compensationYuan >= MAJOR_COMPLAINT_YUAN,
  };
}
