/**
 * Repair types 维修回访类别: which of the handbook's repair-specific visit schedules a repair falls under
 * (docs/domain-rules.md "Return visits", repair-specific schedules (the return-visit handbook)), detected
 * from what the resident wrote. Staff may correct the detection (the ticket's visit settings); the schedules
 * live in ./rules.
 */
import { normalizeText } from '../classification/normalize';

export const REPAIR_VISIT_TYPES = [
  'danger',
  'seepage',
  'plumbing',
  'tv_signal',
  'appliance',
  'wall_crack',
  'safety_facility',
  'leak',
  'general',
] as const;
export type RepairVisitType = (typeof REPAIR_VISIT_TYPES)[number];

export const REPAIR_VISIT_TYPE_LABELS: Record<RepairVisitType, string> = {
  danger: '危及生命财产安全',
  seepage: '墙角、天花板渗水',
  plumbing: '管道、洁具堵塞或漏水',
  tv_signal: '电视收视效果差',
  appliance: '家电故障',
  wall_crack: '墙体裂缝（无危险）',
  safety_facility: '安全设施',
  leak: '漏水',
  general: '一般维修',
};

/** Text between a thing and what happens to it, within one clause. */
const NEAR = '[^，。！？；,.!?;]{0,8}';

/**
 * Checked in order, first match wins: danger before everything (a falling ceiling that also leaks is a
 * danger), TV reception before appliances (a TV with no signal is the provider's, not the set's).
 */
const PATTERNS: ReadonlyArray<[RepairVisitType, RegExp]> = [
  // 天花板掉批挡层、墙裂缝严重、灯罩松动、橱柜松动倾斜、电器外壳带电
  ['danger', new RegExp(`(天花板?|顶棚|吊顶|批荡|批挡)${NEAR}(掉|脱落|塌|砸)`)],
  ['danger', new RegExp(`(裂缝|裂痕|开裂)${NEAR}(严重|很大|很宽|很长|贯穿|越来越大)`)],
  ['danger', new RegExp(`(严重|很大|很宽|贯穿)${NEAR}(裂缝|开裂)`)],
  ['danger', new RegExp(`灯罩${NEAR}(松|掉|晃)`)],
  ['danger', new RegExp(`(橱柜|吊柜|壁柜)${NEAR}(松动|倾斜|歪|要掉)`)],
  ['danger', /(带电|漏电|麻手|电到人|触电|冒火|火花|冒烟|烧焦)/],
  // 房内墙角、天花板出现渗水
  ['seepage', /(渗水|渗漏|洇水|返潮|水渍|水印)/],
  ['seepage', new RegExp(`(天花板?|墙角|墙面|墙壁|屋顶|顶棚|楼板|外墙)${NEAR}(漏|滴水|渗|湿|发霉)`)],
  // 洗菜盆、洗脸盆、坐厕或其他管道堵塞或漏水
  ['plumbing', /(堵|不通|排不下|排不出|下不去|反水|返水|冒水)/],
  [
    'plumbing',
    new RegExp(
      `(洗菜盆|洗脸盆|面盆|水槽|坐厕|马桶|坐便|蹲便|下水|地漏|水管|管道|水龙头|龙头|阀门|水箱|角阀)${NEAR}(漏|滴|渗|坏|关不|松)`,
    ),
  ],
  // 业户电视收视效果差
  ['tv_signal', new RegExp(`(电视|有线|机顶盒)${NEAR}(信号|雪花|没台|花屏|收不到|没画面|看不了)`)],
  ['tv_signal', /收视(效果)?(差|不好)/],
  // 电视机、录像机、电冰箱、电烤箱等家电出现问题
  ['appliance', /(电视机?|录像机|冰箱|烤箱|微波炉|洗衣机|空调|热水器|油烟机|电磁炉|插头|接触不良|家电|电器)/],
  // 墙体出现裂缝，但无危及生命或影响正常生活
  ['wall_crack', /(裂缝|裂纹|开裂|裂痕)/],
  // 安全设施维修两天内回访
  ['safety_facility', /(门禁|防盗门|消防|灭火器|烟感|护栏|栏杆|监控|对讲|可视门铃|门锁|窗锁|防护网)/],
  // 漏水项目维修三天内回访
  ['leak', /(漏水|滴水|漏)/],
];

/** 如是雨水造成的: seepage caused by rain gets another visit right after the next rain. */
const RAIN = /(下雨|雨水|暴雨|大雨|雨天|雨后|台风|漏雨|雨季)/;

export interface RepairTypeDetection {
  type: RepairVisitType;
  /** The words that decided it (empty for 'general'). */
  matched: string;
  /** The text names rain as the cause. */
  rainCaused: boolean;
}

/** Which repair-specific visit schedule a repair follows, from its text. */
export function detectRepairType(text: string): RepairTypeDetection {
  const norm = normalizeText(text);
  const rainCaused = RAIN.test(norm);
  for (const [type, re] of PATTERNS) {
    const m = re.exec(norm);
    if (m) return { type, matched: m[0], rainCaused };
  }
  return { type: 'general', matched: '', rainCaused };
}
