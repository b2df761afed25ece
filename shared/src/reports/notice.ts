/**
 * The monthly public notice 投诉处理情况公示 for the notice board or community magazine (docs/domain-rules.md
 * "Records, statistics and reports"; the customer-service handbook, 客户投诉信息发布要求): common and
 * public-area complaints, complaints about common interests, and resident disputes, with how they were
 * handled — and NOTHING that identifies a resident: no names, phone numbers or room numbers (neighbour
 * disputes above all: the customer-service handbook: never force the complainant to give a room number or
 * name).
 */
import { placesIn } from '../incidents';
import { allClosed, countedGroups, isCounted, peopleOf, UNCLASSIFIED } from './counting';

/** Why a complaint belongs on the notice. */
export type NoticeReason = 'dispute' | 'public_area' | 'common_interest';

export const NOTICE_REASON_LABELS: Record<NoticeReason, string> = {
  dispute: '业户纠纷',
  public_area: '公共部位',
  common_interest: '共性问题',
};

export const DISPUTE_CATEGORY = '业户纠纷类';

/**
 * Resident disputes always; a complaint about a public place (no household); an event many residents
 * complained about (a shared interest). Private matters of one household stay off the board.
 */
export function noticeReason(c: {
  category: string | null;
  householdId: string | null;
  incidentId: string | null;
}): NoticeReason | null {
  if (c.category === DISPUTE_CATEGORY) return 'dispute';
  if (c.incidentId) return 'common_interest';
  if (!c.householdId) return 'public_area';
  return null;
}

/** Whether a complaint goes on the notice: counted (not withdrawn), and with a reason to. */
export function onNotice(c: {
  category: string | null;
  householdId: string | null;
  incidentId: string | null;
  status: string;
}): boolean {
  return isCounted(c) && noticeReason(c) !== null;
}

/** The most common surnames (about 85% of people): what an honorific after one reveals. */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧阳司马上官诸葛';
const HONORIFICS =
  '先生|女士|小姐|太太|阿姨|叔叔|大爷|大妈|大姐|大哥|大叔|大婶|老师|师傅|奶奶|爷爷|伯伯|阿婆|阿公|老板|经理|医生|同学';
const COMPOUND = ['欧阳', '司马', '上官', '诸葛'];
const SINGLE = SURNAMES.replace(/欧阳|司马|上官|诸葛/g, '');
const SURNAME = `(?:${COMPOUND.join('|')}|[${SINGLE}])`;

/** Chinese numerals as digits are written out in a phone number or a room (一三八…, 三零二). */
const CN_DIGIT = '[〇零一二三四五六七八九幺两]';
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领';

const REPLACEMENTS: ReadonlyArray<readonly [RegExp, string]> = [
  // WeChat and QQ ids (before the numbers: an id may hold digits), plates 沪A12345 / 粤B·D12345 / 京 N 8G8G8
  [/wxid_[A-Za-z0-9_-]+/g, '***'],
  [
    /(微信号?|[vV][xX]|[vV]信|[wW][xX]|weixin|WeChat)(\s*(?:号|id|ID)?\s*[:：]?\s*)[A-Za-z][-_A-Za-z0-9]{4,19}/g,
    '$1$2***',
  ],
  [/(QQ|qq|扣扣)(\s*号?\s*[:：]?\s*)\d{5,12}/g, '$1$2***'],
  [new RegExp(`[${PROVINCES}]\\s*[A-Z]\\s*[·•.\\s]?\\s*[A-Z0-9]{5,6}(?![A-Za-z0-9])`, 'g'), '某车牌'],
  // a number written out in Chinese numerals: 7 or more → a phone; 3–4 with a 零 → a room
  [new RegExp(`${CN_DIGIT}{7,}`, 'g'), '***'],
  [
    new RegExp(
      `${CN_DIGIT}(?:[〇零幺]${CN_DIGIT}{1,2}|${CN_DIGIT}[〇零幺]${CN_DIGIT}?)(?=[的室号房业住家楼，,。\\s]|$)`,
      'g',
    ),
    '某房',
  ],
  // e-mail, ID card, phone numbers (mobile with or without +86 and separators, landline, 7–8 digits)
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '***'],
  [/\d{17}[\dXx]|\d{15}/g, '***'],
  [/(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d){8}/g, '***'],
  [/0\d{2,3}[-\s]?\d{7,8}/g, '***'],
  [/(?<![\d.])\d{7,8}(?![\d.])/g, '***'],
  // rooms: 3栋1单元302(室) → 3栋1单元; 3-1-302 / 3-302 → 某房; 302室 / 1201房 → 某室
  [/(\d+\s*(?:栋|幢|号楼|座))(\s*\d+\s*单元)?\s*-?\s*\d{3,4}\s*(?:室|号房|房|号)?(?!\d)/g, '$1$2'],
  [/(\d+\s*单元)\s*-?\s*\d{3,4}\s*(?:室|号房|房|号)?(?!\d)/g, '$1'],
  [/(?<!\d)\d{1,3}\s*-\s*\d{1,2}\s*-\s*\d{3,4}(?!\d)|(?<!\d)\d{1,3}\s*-\s*\d{3,4}(?!\d)/g, '某房'],
  [/(?<!\d)\d{3,4}\s*(?:室|号房|房)/g, '某室'],
  [/(?:房号|门牌号?|房间号)\s*[:：]?\s*\w+/g, '某房'],
  // any other bare 3–4 digit number is taken for a room, unless a unit, time or decimal says otherwise
  [
    /(?<![\d.:：])\d{3,4}(?![\d.:：]|\s*(?:元|块|圆|万|千|百|年|月|日|号楼|栋|幢|座|单元|米|平|个|次|天(?!花)|小时|分|秒|%|％|点|度|斤|公斤|kg|人|户|台|辆|条|张|件|只|桶|袋|期|届|路|弄|寸))/gi,
    '某房',
  ],
  // names: after "我叫 / 姓名", and a surname with an honorific (林女士 → 某女士)
  [/(我叫|名叫|姓名\s*[:：]?|联系人\s*[:：]?)\s*[\u4e00-\u9fa5]{2,4}/g, '$1某某'],
  [new RegExp(`${SURNAME}(${HONORIFICS})`, 'g'), '某$1'],
  // 老刘 / 小王 as people are called among neighbours
  [new RegExp(`[老小]${SURNAME}(?=家|的|说|反映|投诉|[，,。、\\s]|$)`, 'g'), '某某'],
  [new RegExp(`(?<=[我是叫找])${SURNAME}[\\u4e00-\\u9fa5]{1,2}(?=[，,。.！!？?\\s、]|$)`, 'g'), '某某'],
];

/**
 * Removes personal data from free text: phone numbers, e-mail, ID numbers, room numbers (the building
 * and unit stay), and names — the ones given (the residents and contacts of these complaints) and any
 * surname followed by an honorific.
 */
export function redactPersonalData(text: string, knownNames: readonly string[] = []): string {
  let out = text;
  const names = [...new Set(knownNames.map((n) => n.trim()).filter((n) => n.length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
  // Full-width digits and letters (１３８…, Ａ) read as their ASCII twins, so every rule below sees them.
  out = out.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) =>
    String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
  for (const n of names) out = out.split(n).join('某住户');
  for (const [re, to] of REPLACEMENTS) out = out.replace(re, to);
  return out;
}

/** Where it happened, no finer than building and unit: 3栋1单元302 → 3栋1单元; none → 公共区域. */
export function publicPlace(location: string | null, householdLabel: string | null): string {
  if (householdLabel) {
    const m = /^(\d+\s*(?:栋|幢|号楼|座))/.exec(householdLabel);
    return m ? m[1] : '小区内';
  }
  if (!location) return '公共区域';
  return redactPersonalData(location).slice(0, 30) || '公共区域';
}

/** Shortens to `max` characters at most, with an ellipsis. */
export function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/**
 * The handling the notice shows is the latest note staff showed the resident (not an internal one) with one of
 * these moves: the plan, handled, progress, solved on the spot.
 */
export const HANDLING_NOTE_ACTIONS: readonly string[] = [
  'propose_solution',
  'mark_handled',
  'progress_note',
  'resolve_on_spot',
];

/** A complaint as the notice reads it (already one of a project's month). */
export interface NoticeSource {
  id: string;
  category: string | null;
  householdId: string | null;
  /** e.g. 2栋2单元602: only its building is shown. */
  householdLabel: string | null;
  incidentId: string | null;
  incidentTitle: string | null;
  location: string | null;
  content: string;
  status: string;
  /** The latest handling note staff showed the resident (plan, handled, progress), if any. */
  handlingNote: string | null;
  complainantKey: string | null;
  peopleCount: number;
}

/** One line of the notice: never a name, a phone number or a room. */
export interface NoticeItem {
  category: string;
  reason: NoticeReason;
  reasonLabel: string;
  place: string;
  summary: string;
  times: number;
  people: number;
  closed: boolean;
  statusLabel: string;
  handling: string;
}

/**
 * Where an event happened: the public place given, else the building named in the complaints (the 3栋 lift),
 * never the home of whoever complained first.
 */
function eventPlace(g: readonly NoticeSource[]): string | null {
  if (!g[0].incidentId) return null;
  const located = g.find((r) => r.location);
  if (located) return publicPlace(located.location, null);
  const named = placesIn(g[0].incidentTitle ?? g[0].content);
  return named.length ? named.join('') : '小区内';
}

const REASON_ORDER: NoticeReason[] = ['public_area', 'common_interest', 'dispute'];

/**
 * The notice's lines: the month's qualifying complaints (`noticeReason`), one line per counted item (an event
 * once, with how many residents and times — the counting rules' `countedGroups` and `peopleOf`; withdrawn
 * ones left out), redacted with the names of everyone involved. The server reads the project's month of
 * complaints and leaves choosing and grouping to this function.
 */
export function buildNotice(rows: readonly NoticeSource[], knownNames: readonly string[]): NoticeItem[] {
  const items = countedGroups(rows.filter(onNotice)).map((g): NoticeItem => {
    const first = g[0];
    const reason = g.map(noticeReason).find((x) => x === 'dispute') ?? noticeReason(first)!;
    const closed = allClosed(g);
    const note = g
      .map((r) => r.handlingNote)
      .filter((n): n is string => !!n)
      .at(-1);
    return {
      category: first.category ?? UNCLASSIFIED,
      reason,
      reasonLabel: NOTICE_REASON_LABELS[reason],
      place: eventPlace(g) ?? publicPlace(first.location, first.householdLabel),
      summary: clip(redactPersonalData(first.incidentTitle ?? first.content, knownNames), 60),
      times: g.length,
      people: peopleOf(g),
      closed,
      statusLabel: closed ? '已办结' : '处理中',
      handling: note
        ? clip(redactPersonalData(note, knownNames), 80)
        : closed
          ? '已处理完毕'
          : '正在跟进处理',
    };
  });
  return items.sort(
    (a, b) =>
      REASON_ORDER.indexOf(a.reason) - REASON_ORDER.indexOf(b.reason) || a.category.localeCompare(b.category),
  );
}
