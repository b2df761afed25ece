/**
 * The emergency detector 紧急情况识别: danger to people or property happening now, dispatched at once
 * (docs/domain-rules.md "Time limits": emergencies are dispatched at once). Recall first: cue
 * patterns per kind, read clause by clause, each dropped only when its clause is clearly negated,
 * hypothetical, over, or praise for a past rescue. The trained emergency head (heads.ts) adds what
 * the patterns miss; `combineEmergency` in analyze.ts joins the two.
 */

export const EMERGENCY_KINDS = [
  'lift_entrapment',
  'gas',
  'fire_smoke',
  'flooding',
  'live_wire',
  'falling_object',
  'medical',
  'fire_lane',
] as const;
export type EmergencyKind = (typeof EMERGENCY_KINDS)[number];

/** Chinese names shown to staff and on the duty notice. */
export const EMERGENCY_LABELS: Record<EmergencyKind, string> = {
  lift_entrapment: '电梯困人',
  gas: '燃气泄漏',
  fire_smoke: '火情冒烟',
  flooding: '水浸爆管',
  live_wire: '漏电火花',
  falling_object: '坠落危险',
  medical: '人员受伤/医疗用电',
  fire_lane: '消防通道堵塞',
};

export function isEmergencyKind(x: unknown): x is EmergencyKind {
  return typeof x === 'string' && (EMERGENCY_KINDS as readonly string[]).includes(x);
}

const LIFT = '(电梯|电题|电楼|梯子|轿厢|直梯|货梯|客梯|dt|老爷梯|[0-9一二三四五六七八九十]号梯)';
const CUES: ReadonlyArray<readonly [EmergencyKind, RegExp]> = [
  [
    'lift_entrapment',
    new RegExp(
      [
        `(困|关|卡|锁|堵)(在)?.{0,3}${LIFT}`,
        `${LIFT}.{0,12}(困人|困住|困了|关人|关住|被困|卡住.{0,4}(人|里面)|人.{0,3}(出不来|在里面|困))`,
        `${LIFT}里.{0,10}(出不来|拍门|按铃|按警铃|喊|哭|呼救|打不开)`,
        `${LIFT}里面?.{0,24}(出不来|打不开)`,
        `${LIFT}.{0,10}(停|卡)在.{0,12}(中间|之间|半层|两层|半截|半空)`,
        `${LIFT}里?.{0,3}(关|困|锁)了`,
        `${LIFT}.{0,16}(我|人|他|她|孩子|小孩|老人|奶奶|爷爷|朋友|老公|老婆|爸|妈).{0,3}在里面`,
        `(出不来|门打不开|门开不了).{0,10}${LIFT}`,
        `${LIFT}.{0,20}(我|人|他|她|孩子|小孩|老人)(还|就)?在(里面|电梯里)`,
        `(我|人|孩子|小孩|老人)(现在)?(就|还)?在${LIFT}里.{0,12}(不动|黑了|打不开|出不来|卡)`,
        `又?(困人|关人)了?`,
        `救命.{0,6}${LIFT}|${LIFT}.{0,6}救命`,
      ].join('|'),
    ),
  ],
  [
    'gas',
    /(煤气|燃气|天然气|液化气|瓦斯|调压箱|进户管|气表|气管).{0,12}(味|泄|漏|呲|嘶|冒气|放气|臭)|(漏|泄).{0,2}气(了|味|啦)|臭鸡蛋.{0,3}味|(像|是)臭鸡蛋|大蒜味|(燃气|煤气|天然气)那种|味.{0,8}(?<!不)(是|像)(燃气|煤气|天然气)|(闻着|闻起来|味道).{0,3}(是|像)?(天然气|煤气|燃气)|燃气(报警器|表).{0,6}(响|叫|报警)|(燃气|煤气|天然气)(管|管道|表).{0,8}(打穿|破|断|裂|滋滋|冒泡|漏气)|管子挖破|液化气罐.{0,16}(味|漏)|漏气/,
  ],
  [
    'fire_smoke',
    /(?<!打不|点不|打得|点得|打不了|点不了)着火|(房|屋|车|垃圾|楼|柜|箱|库)(子|房)?着了|火.{0,4}(冒出来|窜出来|蹿出来)|火从|起火|失火|火灾|烧起来|烧着了|火烧|冒烟|冒[白黑青浓]烟|浓烟|黑烟|烟雾|焦糊味|烧焦味|焦味|糊味|火苗|明火|冒火(?![花星])|火光|火势|火星子|烧(东西|垃圾|落叶|荒)|烧干|烟.{0,4}冒(出来|出)|冒出.{0,2}烟|有烟|烟感.{0,4}(响|报警)|闷烧|烟味.{0,6}(很|好|特别|呛|浓|越来越)/,
  ],
  [
    'flooding',
    /爆管|(水管|管子|管道|主管|水表|阀门|接头|软管|立管).{0,4}(爆|裂开|破裂|崩|断了|喷)|水漫|漫进|漫出|淹了|被淹|水淹|淹到|倒灌|灌进|涌进|冲进|哗哗.{0,4}(流|冒|喷|往)|往外(喷|涌|冒|窜)|喷水|冒水不停|进水了|积水.{0,8}(没过|齐|半米|膝|脚踝|很深|越来越深)|水.{0,4}(没过|齐膝|到膝盖|到小腿)|泡在水里|成了河|一片汪洋|门缝.{0,6}(进水|流水|冒水|渗进)|往下(流|淌|灌|哗哗)|(跟|像)下雨一样|漫到|接不过来|哗哗.{0,2}(漏|流|淌)|水.{0,8}越来越(多|深|大)|漏成河|发大水|(水|雨水).{0,6}(冲下来|往下冲|冲进)|往(屋|家|房间)?里(灌|渗水|冒水)|往.{0,4}里灌|水柱|(水箱|水塔|热水器|水管|管子|暖气片).{0,3}爆/,
  ],
  [
    'live_wire',
    /漏电|触电|电到(了|人|我)|被电|麻手|电手|打火花|冒火花|火花|冒火星|电火花|(电线|电缆|线缆|电源线|线头|接线盒?|线皮).{0,8}(裸露|露着|露出|露在外面|掉|垂|断|耷拉|拖在|泡在|破皮|破了|冒)|被电了一下|一摸就麻|带电|(外壳|门把|把手|栏杆|水管|龙头|扶手|铁门|防盗门).{0,4}(有电|麻(?!烦))|摸着.{0,2}(有电|麻(?!烦))|(铜丝|铜线).{0,4}露|(铜排|电缆头|接线柱|母线).{0,6}(露|裸)|(电箱|电表箱|配电箱|电闸|电井|开关|插座).{0,10}(噼啪|啪啪|滋滋|吱吱|冒|响|发烫|烫手|烧)/,
  ],
  [
    'falling_object',
    /(要|快|随时|马上|眼看|就要|快要|随时会|可能会).{0,6}((?<!摘|拿|去|弄|清|拆|铲)掉|倒|塌|砸|坠|落下|断)|摇摇欲坠|摇摇晃晃|悬着|悬在|吊着|半挂|挂在半空|挂在.{0,6}(晃|摇)|晃晃悠悠|掉渣|砸下来|耷拉|探出来|(还在|正在)(往下|往楼下)?(扔|抛)|高空抛物.{0,6}(还在|正在)|往外(翘|倾斜|探)|往下垂|吊在半空|斜在外面|整棵.{0,4}晃|树根.{0,6}(裂|翘|松)|(被风|风一吹|风大|刮风|起风|一刮风).{0,10}(晃|掀|歪|刮裂|脱落|砸|哐|咣|啪啪|掉)|高空坠物危险|脱开|松脱|(松动|松了|脱落|开裂).{0,8}(晃|掉|砸|悬|吊)|(外机|空调架|广告牌|玻璃|窗户|窗扇|瓷砖|墙皮|外墙砖|天花|吊顶|灯罩|树枝|大树).{0,10}(晃|松|歪|倾斜|裂开|掉|悬)/,
  ],
  [
    'medical',
    /晕倒|昏倒|昏迷|晕过去|突然晕了|突然倒下|倒下了|没意识|失去意识|喊不应|叫不醒|(在|正在|给.{1,4})(做)?(按压|心肺复苏)|(砸|撞|磕)到(了)?(头|脑袋)|不省人事|倒地|起不来|站不起来|动不了|流血|出血|血止不住|血流不止|血流个不停|(一直|还在)(流|冒)血|大出血|骨折|头破|砸伤|摔伤|烫伤|受伤|抓破|咬破|(?<!把)(手|腿|胳膊|手臂)(骨)?断了|摔下来|摔下去|溺水|呛水|掉进.{0,4}(水池|水里|河|池|井)|(人|孩子|小孩|老人|他|她)\S{0,4}没(反应|意识|呼吸)|叫不应|(狗|猫).{0,4}咬(了|伤)?(人|小孩|孩子|快递|老人)|咬人|头晕|胸闷|心慌|呼吸困难|喘不过气|抽搐|没(有)?呼吸|喘不上气|心脏病|中风|脑梗|叫了?120|打了?120|救护车|(呼吸机|制氧机|氧气机|吸氧|透析|医疗设备|卧床).{0,16}(停电|没电|断电|用不了|不能用|停了|没法用)|(停电|没电|断电|跳闸).{0,16}(呼吸机|制氧机|氧气机|吸氧|医疗设备)/,
  ],
  [
    'fire_lane',
    /(楼梯|楼道|安全楼梯|楼梯间).{0,16}(堵死|过不去|下不去|走不了)|(卷帘门|出口|大门|安全门|单元门).{0,10}(锁住|锁了|打不开|放下来).{0,16}(出不去|出不来)|(消防(通道|车道|道|门|楼梯|出口)|安全(出口|通道)|逃生(通道|门|楼梯)|疏散(通道|楼梯)|消防登高面|防火门|防火卷帘门?).{0,12}(堵|占|锁|停|挡|封|堆|塞|拦|焊|走不了|过不去|关不上|落不下)|(堵|占|锁|停|挡|封|堆|塞|拦|摆|靠).{0,10}(消防(通道|车道|门|出口)|安全(出口|通道)|逃生(通道|门)|疏散通道|防火门|防火卷帘)/,
  ],
];

/** Cues that the danger is present: they cancel the past and hypothetical readings of a clause. */
const NOW =
  /(?<!到)现在|正在|还在|此刻|今天|今早|今晚|这会儿|眼下|刚刚|刚才|马上|赶紧|赶快|快来|快点|速来|救命|急急|紧急|一直在|越来越|还没|出不来/;
const NEGATION = /(没有|没|无|不是|未|并没|并未|不会|别担心|放心|不存在)[^,.!?;，。！？；]{0,4}$/;
const HYPOTHETICAL =
  /要是|如果|万一|差点|险些|真(要|的)?(着火|出事|炸|塌|掉)|假如|假设|若是|一旦|会不会|的话|别又|不要又|以后|下次|下周|问一句|问一下|应该怎么(做|办)|怎么自救|担心|害怕|怕.{0,4}(会|哪天)|以防|预防|防止|建议|应该(配|装|加|备|设)|隐患|演练|培训|检查一下|排查/;
const PAST =
  /医药费|医疗费|住院|定损|赔付|赔偿|修复费|加起来|一共|看病花|报销|误工|上次|上回|上个?月|去年|前年|那次|那一次|之前|以前|曾经|上周|上星期|前段时间|前些天|前几天|当时|年前|几个月前|(困|淹|烧|摔|漏)过|那场|那天|(困|关)了(我|人|他|她|我们|孩子).{0,4}(半|一|两|几|[0-9])|(昨天|昨晚|前天|前晚|那天).{0,12}的时候|已经(修好|处理|解决|救出|放出|恢复|好了)|早就/;
const PRAISE =
  /感谢|谢谢|多谢|表扬|点赞|点个赞|赞一个|处理得(很|挺|非常)?(快|及时|好)|辛苦了|好评|锦旗|及时赶到|救了|救出/;
/** The danger is over: nobody needs to run now. */
const RESOLVED =
  /(人|他|她)已经(出来|被救出|救出来)|已经(被救出|救出来|灭了|修好|处理好|没事)|火已经灭|虚惊一场|自己(按开|出来|爬出来)|没事了|放出来了|误报|没(有)?(闻到|什么味|味道|啥味)|(拔了|关了|关掉|断了).{0,6}就(没|好)了|又没(有)?了|闻错了/;
/** A standing problem, not an event happening now: 每天, 一下雨就 … */
const CHRONIC =
  /每天|天天|经常|总是|老是|常年|长年|长期|平时|每次|一到.{0,4}就|一下雨就|[0-9一二三四五六七八九十几]+次了|第[0-9一二三四五六七八九十]+次/;

/**
 * Words that a danger is going on right now, strong enough to outweigh a compensation claim in the same text
 * ("水还在往下流，快来，损失你们赔").
 */
export const URGENT_NOW =
  /快来|救命|赶紧|赶快|速来|马上(来|过来)|急急|正在|还在(漏|冒|流|喷|烧|响|困|往|淌|滴)|越来越|人还在/;

export interface EmergencyCue {
  kind: EmergencyKind;
  /** The words that triggered it, as written in the (normalised) text. */
  words: string;
}

/** Splits a normalised text into clauses (the scope of negation, hypotheticals and tense). */
function clauses(norm: string): string[] {
  return norm.split(/[.!?;。！？；\n]+|,(?=.{0,2}(但|可是|不过|结果|现在|今天|刚才|刚刚))/).filter(Boolean);
}

/**
 * Emergency cues in a normalised text, after dropping those whose clause is negated, hypothetical,
 * over, or praise (unless the clause says the danger is present now).
 */
export function emergencyCues(norm: string): EmergencyCue[] {
  const out: EmergencyCue[] = [];
  const praiseText = PRAISE.test(norm) && !NOW.test(norm);
  if (RESOLVED.test(norm)) return out;
  for (const clause of clauses(norm)) {
    const now = NOW.test(clause);
    if (!now && praiseText) continue;
    const hits: { kind: EmergencyKind; words: string; at: number }[] = [];
    for (const [kind, re] of CUES) {
      const m = re.exec(clause);
      if (!m) continue;
      // Negation, hypotheticals and standing problems are read in the comma-delimited part the cue stands
      // in ("消防通道被堵死了，万一着火…" is still a blocked fire lane now); the past in the whole sentence.
      const start =
        Math.max(
          clause.lastIndexOf(',', m.index),
          clause.lastIndexOf('，', m.index),
          clause.lastIndexOf(' ', m.index),
        ) + 1;
      const endComma = clause.slice(m.index + m[0].length).search(/[,， ]/);
      const part = clause.slice(start, endComma < 0 ? clause.length : m.index + m[0].length + endComma);
      if (NEGATION.test(clause.slice(start, m.index))) continue;
      // Negated inside the words themselves: 电梯没有困人; or a device named, not an event: 燃气泄漏报警器.
      if (/(没有|没|并没|不是|未)(困|关|人|漏|味|着火|冒烟|堵|煤气|燃气|天然气)/.test(m[0])) continue;
      if (/^(器|报警器|报警装置|检测仪|探测器)/.test(clause.slice(m.index + m[0].length))) continue;
      if (kind === 'fire_smoke' && /(不是|没)(着火|失火|起火)/.test(clause)) continue;
      // A question about it ("有人受伤吗") is not a report of it.
      if (!now && /(吗|么)$/.test(part)) continue;
      // "万一着火…", "要是有人困在里面…": a hypothetical said before the danger is one, whatever else is now.
      const commaStart = Math.max(clause.lastIndexOf(',', m.index), clause.lastIndexOf('，', m.index)) + 1;
      if (HYPOTHETICAL.test(clause.slice(commaStart, m.index))) continue;
      // Smoke or fumes pouring back in is not water: 烟道堵了，油烟反着往屋里灌.
      if (kind === 'flooding' && /烟|气味|臭味/.test(clause) && !/水|雨/.test(clause)) continue;
      if (!now && (HYPOTHETICAL.test(part) || CHRONIC.test(part) || PAST.test(clause))) continue;
      hits.push({ kind, words: m[0], at: m.index });
    }
    // In the order the resident wrote them: the first named danger is the main one.
    hits.sort((a, b) => a.at - b.at);
    for (const h of hits) if (!out.some((c) => c.kind === h.kind)) out.push({ kind: h.kind, words: h.words });
  }
  return out;
}

/** Every cue pattern that matches, before the context filters (a model feature: the head learns the contexts). */
export function rawEmergencyKinds(norm: string): EmergencyKind[] {
  return CUES.filter(([, re]) => re.test(norm)).map(([kind]) => kind);
}
