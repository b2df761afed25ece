/**
 * Staff language 服务用语: the agreed wording for common replies (统一回复口径) and the phrases staff must
 * never say to a resident (不能对客户说的话), with the handbook's better wording. docs/domain-rules.md "Staff
 * language"; the customer-service handbook (客户服务工作实务手册, 你的服务用语专业吗？).
 *
 * The customer-service handbook announces 不能对客户说的19句话 but the copy we worked from is a preview that
 * breaks off in the middle of item 5 ("免费预览已结束"); items 6–19 are in none of the handbooks we had, so
 * they are not invented here. Add them to FORBIDDEN_PHRASES when the full handbook is at hand: one entry, one
 * test.
 */

/** One phrase staff must not say, with the feeling it causes and what to say instead. */
export interface ForbiddenPhrase {
  /** Stable code, English. */
  id: string;
  /** Item number in the handbook's list of 19, or null for a rule stated elsewhere in the handbooks. */
  handbookNo: number | null;
  /** The forbidden wordings and close colloquial variants (Simplified Chinese). */
  phrases: readonly string[];
  /** 可能给客户造成的不良感受: what the resident is likely to feel (or think) on hearing it. */
  why: string;
  /** 建议的回答: the suggested wording. */
  better: string;
  /** Where the entry departs from the handbook's text, and why. */
  note?: string;
}

/** 不能对客户说的话. Phrases with "，" match with or without that comma (see checkReply). */
export const FORBIDDEN_PHRASES: readonly ForbiddenPhrase[] = [
  {
    id: 'company_rules',
    handbookNo: 1,
    phrases: [
      '这是公司的规定',
      '这是我们公司的规定',
      '这是我们部门的规定',
      '我们部门的规定',
      '我们领导的规定',
      '这是领导的规定',
      '这是物业的规定',
      '这是上面的规定',
      '公司就是这么规定的',
      '公司规定就是这样',
      '规定就是这样',
    ],
    why: '有没有搞错，你们的规定关我什么事，谁才是小区的主人？',
    better:
      '这也是根据小区大多数业主的要求所制定的，关于您的意见/建议我会向上反映（或：您的意见我们会认真考虑并向业主委员会进行反映）。',
  },
  {
    id: 'fee_standard',
    handbookNo: 2,
    phrases: [
      '我们公司规定的收费标准就是这么多',
      '公司规定的收费标准就是这么多',
      '收费标准就是这么多',
      '收费标准就是这样',
      '收费就是这么多',
      '就是收这么多',
    ],
    why: '你们公司的规定很了不起吗？',
    better:
      '我们的收费标准是在获得业主委员会的同意（或根据合同约定）并报物价局审批后才执行的，感谢您的理解。',
  },
  {
    id: 'interrogate_name',
    handbookNo: 3,
    phrases: [
      '你叫什么名字',
      '你叫什么',
      '你叫啥',
      '你有什么事',
      '你有啥事',
      '你什么事',
      '你要干什么',
      '你要干嘛',
    ],
    why: '这里是衙门吗，你们是公安局还是国安局？',
    better: '请问怎么称呼您？请问我能帮您做些什么？',
  },
  {
    id: 'you_dont_understand',
    handbookNo: 4,
    phrases: [
      '这你都不知道吗',
      '这你都不知道',
      '这都不知道',
      '你不了解情况',
      '您不了解情况',
      '你不懂',
      '您不懂',
      '你懂不懂',
    ],
    why: '废话，我要都懂了还请你们干什么？',
    better: '对不起我没说清楚，请允许我再解释一遍。',
  },
  {
    id: 'ask_someone_else',
    handbookNo: 5,
    phrases: [
      '这件事情我不清楚',
      '这件事情我不知道',
      '这件事我不清楚',
      '这件事我不知道',
      '这个我不清楚',
      '这个我不知道',
      '请问别人',
      '你问别人',
      '您问别人',
      '你去问别人',
      '您去问别人',
      '问别人吧',
      '你找别人',
      '您找别人',
      '这不归我管',
      '不归我管',
      '不关我的事',
    ],
    why: '既然什么都不知道，那我付钱请你们……',
    better: '这件事我先帮您记录下来，马上向负责的同事核实，并在约定的时间内给您答复。',
    note:
      'The stored copy of the customer-service handbook breaks off inside this item ("既然什么都不知道，那我付钱请你们"), before its suggested answer. ' +
      'The better wording follows 首问负责制 and the 24-hour reply rule (docs/domain-rules.md "People", "Time limits").',
  },
  {
    id: 'yes_but',
    handbookNo: null,
    phrases: ['是的，但是'],
    why: '我正需要有人听我把话说完，你却急着反驳——只会火上浇油。',
    better: '我能明白您很不安，我也想解决这个问题，您能告诉我发生了什么事情吗？',
    note: 'Not one of the 19: the customer-service handbook "棘手客户服务技巧 · 愤怒的客户" says not to interrupt or say "是的，但是".',
  },
];

/** One forbidden phrase found in a reply. */
export interface ReplyHit {
  /** ForbiddenPhrase.id */
  id: string;
  /** The listed wording that matched (Simplified, as in FORBIDDEN_PHRASES). */
  phrase: string;
  /** The text as written by staff, from index to its end. */
  matched: string;
  /** Offset in the original text (UTF-16 code units), for highlighting. */
  index: number;
  better: string;
  why: string;
}

export interface ReplyCheck {
  ok: boolean;
  hits: ReplyHit[];
}

/**
 * Traditional → Simplified for every character the phrase list uses, plus common neighbours, so a
 * reply typed in 繁体 is caught too. Pairs: traditional, simplified.
 */
const TRAD_TO_SIMP_PAIRS =
  '這这們们規规門门導导領领業业區区樣样麼么麽么費费標标準准話话說说請请問问別别嗎吗況况釋释幹干妳你於于歸归關关聯联繫系係系幫帮給给時时間间會会為为沒没務务與与對对' +
  '員员過过還还負负責责處处辦办題题煩烦錢钱價价個个號号碼码電电點点兩两進进來来後后裡里裏里見见議议應应層层級级傳传遞递該该決决實实際际記记錄录態态氣气聽听講讲讓让' +
  '總总從从將将帶带專专屬属須须開开長长認认識识談谈謝谢讀读誰谁調调論论語语誤误訴诉訪访詢询護护變变輕轻較较邊边達达選选隨随難难類类願愿體体戶户樓楼燈灯熱热環环綠绿' +
  '潔洁衛卫殺杀聲声裝装滲渗維维線线網网單单據据賠赔償偿醫医療疗設设備备殘残獨独機机稱称麗丽嚴严爭争執执夠够確确並并錯错罷罢';

const TRAD_TO_SIMP: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const chars = Array.from(TRAD_TO_SIMP_PAIRS);
  for (let i = 0; i + 1 < chars.length; i += 2) {
    if (chars[i] !== chars[i + 1]) map.set(chars[i]!, chars[i + 1]!);
  }
  return map;
})();

/** Sentence-level punctuation: a phrase never spans it unless the phrase itself has a break there. */
const BREAK_CHARS = new Set([',', '.', '!', '?', ';', ':', '。', '、', '｡', '､', '\n', '\r']);
/** Marker for a break in normalised text. */
const BREAK = '|';
/** Whitespace and other punctuation/symbols (quotes, brackets, dashes, tildes…) are ignored. */
const IGNORED = /[\s\p{P}\p{S}\p{Z}\p{Cf}]/u;

interface Normalised {
  text: string;
  /** For each char of `text`: [start, end) in the original string. */
  spans: Array<[number, number]>;
}

/**
 * Folds full-width forms (NFKC), case and traditional characters; drops whitespace and soft
 * punctuation; collapses sentence punctuation into a single BREAK.
 */
function normalise(input: string): Normalised {
  const out: string[] = [];
  const spans: Array<[number, number]> = [];
  let offset = 0;
  for (const ch of input) {
    const start = offset;
    offset += ch.length;
    for (const folded of Array.from(ch.normalize('NFKC').toLowerCase())) {
      const c = TRAD_TO_SIMP.get(folded) ?? folded;
      if (BREAK_CHARS.has(c)) {
        if (out.length > 0 && out[out.length - 1] !== BREAK) {
          out.push(BREAK);
          spans.push([start, offset]);
        }
      } else if (!IGNORED.test(c)) {
        out.push(c);
        spans.push([start, offset]);
      }
    }
  }
  // 甚麼 is the Taiwanese spelling of 什么; same length, so spans stay aligned.
  return { text: out.join('').replace(/甚么/g, '什么'), spans };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface CompiledPhrase {
  entry: ForbiddenPhrase;
  phrase: string;
  pattern: RegExp;
}

/** A break inside a listed phrase ("是的，但是") is optional in the reply; anywhere else it blocks. */
function compile(entry: ForbiddenPhrase, phrase: string): CompiledPhrase {
  const parts = normalise(phrase)
    .text.split(BREAK)
    .filter((p) => p.length > 0)
    .map(escapeRegExp);
  return { entry, phrase, pattern: new RegExp(parts.join(`\\${BREAK}?`), 'g') };
}

const COMPILED: readonly CompiledPhrase[] = FORBIDDEN_PHRASES.flatMap((entry) =>
  entry.phrases.map((phrase) => compile(entry, phrase)),
);

/**
 * Checks a reply before it reaches a resident. Tolerates full-width characters, traditional
 * characters, whitespace and quotes inside a phrase; one entry is reported once per place even when
 * several of its wordings overlap there: the earliest, longest wording names the hit and `matched`
 * covers them all.
 */
export function checkReply(text: string): ReplyCheck {
  return checkAgainst(text, COMPILED);
}

function checkAgainst(text: string, compiled: readonly CompiledPhrase[]): ReplyCheck {
  const { text: norm, spans } = normalise(text);
  const found: Array<{ c: CompiledPhrase; start: number; end: number }> = [];
  for (const c of compiled) {
    c.pattern.lastIndex = 0;
    for (let m = c.pattern.exec(norm); m !== null; m = c.pattern.exec(norm)) {
      found.push({ c, start: m.index, end: m.index + m[0].length });
      c.pattern.lastIndex = m.index + 1;
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: typeof found = [];
  for (const f of found) {
    const same = kept.find((k) => k.c.entry.id === f.c.entry.id && f.start < k.end && k.start < f.end);
    if (same) same.end = Math.max(same.end, f.end);
    else kept.push(f);
  }
  const hits = kept.map(({ c, start, end }): ReplyHit => {
    const from = spans[start]![0];
    const to = spans[end - 1]![1];
    return {
      id: c.entry.id,
      phrase: c.phrase,
      matched: text.slice(from, to),
      index: from,
      better: c.entry.better,
      why: c.entry.why,
    };
  });
  return { ok: hits.length === 0, hits };
}

/** Categories a reply template is filed under: the eight complaint categories, 报修 and 通用. */
export const REPLY_TEMPLATE_CATEGORIES = [
  '房屋管理类',
  '设备管理类',
  '安全管理类',
  '环境管理类',
  '综合服务类',
  '业户纠纷类',
  '开发商相关类',
  '其它类',
  '报修',
  '通用',
] as const;
export type ReplyTemplateCategory = (typeof REPLY_TEMPLATE_CATEGORIES)[number];

/** Placeholders a template may use; fillTemplate replaces them. */
export const REPLY_PLACEHOLDERS = [
  '业主称呼',
  '时间',
  '工单号',
  '服务中心',
  '事项',
  '部位',
  '区域',
  '设备',
  '原因',
  '单位',
  '处理进展',
  '服务项目',
] as const;
export type ReplyPlaceholder = (typeof REPLY_PLACEHOLDERS)[number];

/** Reply template 统一回复口径. */
export interface ReplyTemplate {
  id: string;
  category: ReplyTemplateCategory;
  title: string;
  text: string;
}

/** Default wording per category; a project may override. docs/domain-rules.md "Staff language". */
export const DEFAULT_REPLY_TEMPLATES: Readonly<Record<ReplyTemplateCategory, readonly ReplyTemplate[]>> = {
  房屋管理类: [
    {
      id: 'building_common_parts',
      category: '房屋管理类',
      title: '公共部位维修',
      text: '{业主称呼}您好，您反映的{部位}问题已转工程部到现场查看，我们会在{时间}前告知您维修方案和完成时间。感谢您的提醒！',
    },
    {
      id: 'building_renovation',
      category: '房屋管理类',
      title: '装修管理',
      text: '{业主称呼}您好，您反映的装修问题我们已安排人员到现场核查，如有违规施工会要求装修方立即整改，处理结果会在{时间}前告诉您。',
    },
  ],
  设备管理类: [
    {
      id: 'equipment_fault',
      category: '设备管理类',
      title: '设备故障',
      text: '{业主称呼}您好，{设备}故障已通知维保单位，维修人员预计{时间}到场。给您带来不便，敬请谅解，恢复运行后我们会第一时间通知您。',
    },
    {
      id: 'equipment_planned_stop',
      category: '设备管理类',
      title: '计划停运通知',
      text: '尊敬的业主：因{原因}，{区域}的{设备}将于{时间}暂停运行，我们会尽量缩短影响时间，感谢您的理解与配合。',
    },
  ],
  安全管理类: [
    {
      id: 'security_patrol',
      category: '安全管理类',
      title: '加强巡查',
      text: '{业主称呼}您好，感谢您的提醒。我们已安排秩序部加强{区域}的巡查，并检查门禁等安全设施，处理情况会在{时间}前向您反馈。',
    },
    {
      id: 'security_loss',
      category: '安全管理类',
      title: '财物损失',
      text: '{业主称呼}您好，得知您的财物受损，我们也很着急。我们已调取相关监控配合核查，建议您同时向辖区派出所报案，我们会全力协助。',
    },
  ],
  环境管理类: [
    {
      id: 'environment_cleaning',
      category: '环境管理类',
      title: '清洁卫生',
      text: '{业主称呼}您好，您反映的{区域}卫生问题已安排保洁人员处理，预计{时间}前完成，之后我们会加强巡查。',
    },
    {
      id: 'environment_pest_control',
      category: '环境管理类',
      title: '消杀通知',
      text: '尊敬的业主：我们将于{时间}在{区域}进行消杀作业，届时请关好门窗，照看好孩子和宠物，感谢您的配合。',
    },
  ],
  综合服务类: [
    {
      id: 'service_fee',
      category: '综合服务类',
      title: '收费标准咨询',
      text: '{业主称呼}您好，我们的收费标准是在获得业主委员会同意（或根据合同约定）并报物价部门审批后执行的，收费明细可以在服务中心查阅，感谢您的理解。',
    },
    {
      id: 'service_booking',
      category: '综合服务类',
      title: '家政服务预约',
      text: '{业主称呼}您好，您预约的{服务项目}已安排在{时间}，服务人员上门前会先和您电话联系。',
    },
  ],
  业户纠纷类: [
    {
      id: 'dispute_mediation',
      category: '业户纠纷类',
      title: '邻里协调',
      text: '{业主称呼}您好，您反映的情况我们已经了解，会在不透露您个人信息的前提下与相关住户沟通协调，并在{时间}前把进展告诉您。',
    },
    {
      id: 'dispute_leak',
      category: '业户纠纷类',
      title: '楼上渗漏',
      text: '{业主称呼}您好，关于渗漏问题，工程部将于{时间}上门查明原因，并协调相关住户尽快维修，处理过程中有任何情况我们都会及时告诉您。',
    },
  ],
  开发商相关类: [
    {
      id: 'developer_quality',
      category: '开发商相关类',
      title: '房屋质量',
      text: '{业主称呼}您好，您反映的房屋质量问题已登记并报送开发建设单位，我们会督促保修单位在{时间}前上门查看，并持续跟进直到处理完毕。',
    },
  ],
  其它类: [
    {
      id: 'other_municipal',
      category: '其它类',
      title: '市政停水停电',
      text: '{业主称呼}您好，此次{事项}是{单位}的原因造成的，我们已和对方联系，预计{时间}恢复。我们会持续跟进，并在小区公告栏及时公布进展。',
    },
  ],
  报修: [
    {
      id: 'repair_dispatch',
      category: '报修',
      title: '派单上门',
      text: '{业主称呼}您好，您的报修已受理（工单号{工单号}），维修师傅将于{时间}上门，请您在家等候。如时间不方便，请随时联系我们调整。',
    },
    {
      id: 'repair_paid',
      category: '报修',
      title: '有偿维修说明',
      text: '{业主称呼}您好，本次维修属于户内有偿服务，按公示标准收费。师傅上门查看后会先告知费用，经您确认后再施工。',
    },
    {
      id: 'repair_return_visit',
      category: '报修',
      title: '维修回访',
      text: '{业主称呼}您好，{时间}为您完成了{事项}的维修，想回访一下：师傅是否准时上门、服务态度如何、维修效果您是否满意？',
    },
  ],
  通用: [
    {
      id: 'general_received',
      category: '通用',
      title: '受理确认',
      text: '{业主称呼}您好，您反映的情况我们已登记，工单号为{工单号}。我会负责跟进到底，并在{时间}前给您答复。感谢您对我们工作的支持！',
    },
    {
      id: 'general_need_time',
      category: '通用',
      title: '需要核实',
      text: '{业主称呼}您好，这个问题需要向相关部门进一步核实，我们会在{时间}前给您答复，给您带来不便，敬请谅解。',
    },
    {
      id: 'general_progress',
      category: '通用',
      title: '进度告知',
      text: '{业主称呼}您好，您的工单{工单号}目前的进展是：{处理进展}。预计{时间}完成，完成后我们会第一时间告诉您。',
    },
    {
      id: 'general_calm',
      category: '通用',
      title: '情绪安抚',
      text: '{业主称呼}，我能明白您很不安，我也想尽快解决这个问题。您能告诉我发生了什么事情吗？我会把情况记录下来。',
    },
    {
      id: 'general_return_visit',
      category: '通用',
      title: '投诉回访',
      text: '{业主称呼}您好，我是{服务中心}的客服人员。您反映的{事项}已于{时间}处理完毕，想了解一下您对处理过程和结果是否满意？还有需要我们改进的地方吗？',
    },
    {
      id: 'general_media',
      category: '通用',
      title: '媒体采访',
      text: '公司对媒体采访有规范的接待流程，请您稍候，我马上为您联系。',
    },
  ],
};

/**
 * Replaces `{name}` placeholders. Placeholders without a value stay as written so the editor can
 * show what is still to fill in.
 */
export function fillTemplate(
  text: string,
  values: Readonly<Record<string, string | number | undefined>>,
): string {
  return text.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
    const v = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
    return v === undefined ? whole : String(v);
  });
}

/** Placeholder names used in a template text, in order of first appearance. */
export function templatePlaceholders(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/\{([^{}]+)\}/g)) if (!names.includes(m[1]!)) names.push(m[1]!);
  return names;
}

/**
 * The company's own list of phrases staff must not say 服务禁语, each with the better wording beside it; a
 * company edits it (docs/domain-rules.md "Staff language"). Seeded with the handbook's list and the phrases
 * staff are commonly trained to avoid.
 */
export interface CompanyPhrase {
  phrase: string;
  better: string;
}

/** Bounds of a company's list: how many entries, how long a phrase and its better wording. */
export const COMPANY_PHRASES_MAX = 200;
export const COMPANY_PHRASE_MIN = 2;
export const COMPANY_PHRASE_MAX = 40;
export const COMPANY_BETTER_MAX = 200;

/** Common phrases that push a resident away, with what to say instead (beyond the handbook's list above). */
const COMMON_PHRASES: readonly CompanyPhrase[] = [
  { phrase: '这不归我们管', better: '这件事我先帮您记下来，马上联系负责的单位，并在约定时间内告诉您进展。' },
  {
    phrase: '这不是我们管的',
    better: '这件事我先帮您记下来，马上联系负责的单位，并在约定时间内告诉您进展。',
  },
  { phrase: '我也没办法', better: '我理解您的着急，我马上向主管反映，尽快给您一个解决办法。' },
  { phrase: '我也没有办法', better: '我理解您的着急，我马上向主管反映，尽快给您一个解决办法。' },
  { phrase: '你找开发商去', better: '涉及开发商的问题，我们会帮您联系开发商并跟进，有进展第一时间告诉您。' },
  { phrase: '去找开发商', better: '涉及开发商的问题，我们会帮您联系开发商并跟进，有进展第一时间告诉您。' },
  { phrase: '你不懂', better: '对不起我没说清楚，请允许我再解释一遍。' },
  { phrase: '这你都不知道吗', better: '对不起我没说清楚，请允许我再解释一遍。' },
  { phrase: '这件事情我不清楚，请问别人', better: '这件事我马上帮您问清楚，稍后给您回复。' },
  { phrase: '不关我的事', better: '这件事我来帮您联系负责的同事，并跟进到有结果为止。' },
  { phrase: '你自己看着办', better: '我们一起看看有哪些办法，我给您详细说明每一种的做法。' },
  { phrase: '爱找谁找谁', better: '这件事我来负责跟进，有结果第一时间告诉您。' },
  { phrase: '有本事你去投诉', better: '您的意见我会如实向上反映，并尽快给您答复。' },
];

/** The list a company starts with: every wording of the handbook's entries, then the common ones. */
export const DEFAULT_COMPANY_PHRASES: readonly CompanyPhrase[] = [
  ...FORBIDDEN_PHRASES.flatMap((e) => e.phrases.map((phrase) => ({ phrase, better: e.better }))),
  ...COMMON_PHRASES,
].filter((p, i, all) => all.findIndex((q) => q.phrase === p.phrase) === i);

const companyCompiled = new WeakMap<readonly CompanyPhrase[], CompiledPhrase[]>();

/** `checkReply` against a company's own list (compiled once per list object). */
export function checkReplyWith(text: string, list: readonly CompanyPhrase[]): ReplyCheck {
  let compiled = companyCompiled.get(list);
  if (!compiled) {
    compiled = list.map((p, i) =>
      compile(
        { id: `phrase_${i}`, handbookNo: null, phrases: [p.phrase], why: '', better: p.better },
        p.phrase,
      ),
    );
    companyCompiled.set(list, compiled);
  }
  return checkAgainst(text, compiled);
}

/**
 * Template placeholders still in a text meant for a resident ({区域}, {时间}): such a text cannot be sent until
 * each is replaced by the real value. Full-width braces count too.
 */
export function unfilledPlaceholders(text: string): string[] {
  const names: string[] = [];
  for (const m of text.normalize('NFKC').matchAll(/\{\s*([^{}\s][^{}]{0,19}?)\s*\}/g))
    if (!names.includes(m[1]!)) names.push(m[1]!);
  return names;
}
