/**
 * Questionnaire 调查问卷 of a satisfaction survey: sections of closed questions 封闭式问题 on a rating scale,
 * each measuring one weighted driver 驱动因素, and open questions 开放式问题 (docs/domain-rules.md
 * "Satisfaction surveys"; the satisfaction-management handbook (4) 设计和制作测量问卷:
 * 前言、定量问题、定性问题、结束语, 分配权重, 评价等级).
 */
import { isSurveyScale, SurveyScale } from './scales';

/** A driver 驱动因素 and its weight 权重 (relative: weights are divided by their sum). */
export interface SurveyDriver {
  code: string;
  name: string;
  weight: number;
}

export type QuestionKind = 'scale' | 'open';

export interface SurveyQuestion {
  /** Stable within the questionnaire (the server adds ids; answers name questions by key or id). */
  key: string;
  kind: QuestionKind;
  text: string;
  /** Closed questions only. */
  scale?: SurveyScale;
  /** Closed questions only: the driver code it measures. */
  driver?: string;
}

export interface SurveySection {
  title: string;
  questions: SurveyQuestion[];
}

export interface QuestionnaireDefinition {
  title: string;
  /** 前言: who asks, why, that answers are anonymous in the results. */
  intro: string;
  /** 结束语. */
  closing: string;
  drivers: SurveyDriver[];
  sections: SurveySection[];
}

export const QUESTIONNAIRE_LIMITS = {
  titleMax: 100,
  introMax: 1000,
  textMax: 200,
  sectionsMax: 20,
  questionsMax: 80,
  driversMax: 20,
  weightMin: 1,
  weightMax: 100,
  openAnswerMax: 500,
} as const;

const CODE = /^[a-z][a-z0-9_]{0,29}$/;

export function closedQuestions(def: Pick<QuestionnaireDefinition, 'sections'>): SurveyQuestion[] {
  return def.sections.flatMap((s) => s.questions).filter((q) => q.kind === 'scale');
}

/** Every problem with a questionnaire, in Chinese for the person building it; [] when it can be used. */
export function validateQuestionnaire(def: QuestionnaireDefinition): string[] {
  const L = QUESTIONNAIRE_LIMITS;
  const errors: string[] = [];
  const title = def.title?.trim() ?? '';
  if (!title) errors.push('请填写问卷标题');
  if (title.length > L.titleMax) errors.push(`问卷标题不能超过 ${L.titleMax} 字`);
  if ((def.intro ?? '').length > L.introMax) errors.push(`前言不能超过 ${L.introMax} 字`);
  if ((def.closing ?? '').length > L.introMax) errors.push(`结束语不能超过 ${L.introMax} 字`);

  const drivers = def.drivers ?? [];
  if (drivers.length === 0) errors.push('请至少设置一个驱动因素');
  if (drivers.length > L.driversMax) errors.push(`驱动因素不能超过 ${L.driversMax} 个`);
  const codes = new Set<string>();
  for (const d of drivers) {
    if (!CODE.test(d.code ?? '')) errors.push(`驱动因素编码“${d.code}”只能用小写字母、数字和下划线`);
    if (codes.has(d.code)) errors.push(`驱动因素编码“${d.code}”重复`);
    codes.add(d.code);
    if (!d.name?.trim()) errors.push('请填写驱动因素名称');
    if (!Number.isInteger(d.weight) || d.weight < L.weightMin || d.weight > L.weightMax)
      errors.push(`驱动因素“${d.name}”的权重应为 ${L.weightMin}–${L.weightMax} 的整数`);
  }

  const sections = def.sections ?? [];
  if (sections.length === 0) errors.push('请至少添加一个部分');
  if (sections.length > L.sectionsMax) errors.push(`部分不能超过 ${L.sectionsMax} 个`);
  const keys = new Set<string>();
  const measured = new Set<string>();
  let count = 0;
  sections.forEach((s, si) => {
    if (!s.title?.trim()) errors.push(`第 ${si + 1} 部分缺少标题`);
    if (!s.questions?.length) errors.push(`“${s.title || `第 ${si + 1} 部分`}”还没有题目`);
    for (const q of s.questions ?? []) {
      count++;
      const where = `“${(q.text ?? '').slice(0, 20) || `第 ${count} 题`}”`;
      if (!q.key || keys.has(q.key)) errors.push(`题目 ${where} 的编号为空或重复`);
      keys.add(q.key);
      if (!q.text?.trim()) errors.push(`第 ${count} 题缺少题目内容`);
      if ((q.text ?? '').length > L.textMax) errors.push(`题目 ${where} 不能超过 ${L.textMax} 字`);
      if (q.kind === 'scale') {
        if (!isSurveyScale(q.scale)) errors.push(`题目 ${where} 的评分只能是五级、七级或十级`);
        if (!q.driver || !codes.has(q.driver)) errors.push(`题目 ${where} 须对应一个已设置的驱动因素`);
        else measured.add(q.driver);
      } else if (q.kind === 'open') {
        if (q.scale !== undefined || q.driver !== undefined)
          errors.push(`开放式题目 ${where} 不设评分和驱动因素`);
      } else errors.push(`题目 ${where} 的类型只能是评分题或开放题`);
    }
  });
  if (count > L.questionsMax) errors.push(`题目不能超过 ${L.questionsMax} 道`);
  if (sections.length && !closedQuestions(def).length) errors.push('请至少添加一道评分题');
  for (const d of drivers)
    if (codes.has(d.code) && !measured.has(d.code) && d.name?.trim())
      errors.push(`驱动因素“${d.name}”还没有对应的评分题`);
  return [...new Set(errors)];
}

const five = (key: string, driver: string, text: string): SurveyQuestion => ({
  key,
  kind: 'scale',
  scale: 5,
  driver,
  text,
});

/**
 * The default 物业服务满意度调查问卷: one section per service line the handbooks name (客服、工程维修、
 * 秩序安全、环境绿化、社区文化, and the charges that 综合服务类 covers), 5-point scales, two open questions.
 */
export function defaultQuestionnaire(): QuestionnaireDefinition {
  return {
    title: '物业服务满意度调查问卷',
    intro:
      '尊敬的业主/住户：您好！为了解您对物业服务的真实感受、持续改进服务质量，我们开展本次满意度调查。' +
      '本问卷由公司品质部独立组织，结果只做统计分析，不会向服务中心透露您的姓名和房号。' +
      '每户填写一份，大约需要 3 分钟，感谢您的支持！',
    closing: '问卷到此结束。您的每一条意见我们都会认真分析并落实改进，再次感谢您的参与！',
    drivers: [
      { code: 'customer_service', name: '客户服务', weight: 20 },
      { code: 'engineering', name: '工程维修', weight: 20 },
      { code: 'security', name: '秩序安全', weight: 20 },
      { code: 'environment', name: '环境绿化', weight: 20 },
      { code: 'community', name: '社区文化', weight: 10 },
      { code: 'general', name: '综合服务', weight: 10 },
    ],
    sections: [
      {
        title: '客户服务',
        questions: [
          five('cs_attitude', 'customer_service', '客服人员的服务态度和礼仪'),
          five('cs_response', 'customer_service', '报修、投诉受理是否及时，答复是否清楚'),
          five('cs_followup', 'customer_service', '投诉处理的结果和回访'),
        ],
      },
      {
        title: '工程维修',
        questions: [
          five('eng_timely', 'engineering', '维修人员上门是否及时'),
          five('eng_quality', 'engineering', '维修质量和维修后的现场清理'),
          five('eng_facilities', 'engineering', '电梯、水泵、公共照明等设施设备的运行状况'),
        ],
      },
      {
        title: '秩序安全',
        questions: [
          five('sec_access', 'security', '门岗出入管理和访客登记'),
          five('sec_patrol', 'security', '小区巡逻和夜间安全'),
          five('sec_parking', 'security', '车辆停放和交通秩序'),
        ],
      },
      {
        title: '环境绿化',
        questions: [
          five('env_cleaning', 'environment', '楼道、电梯厅等公共区域的清洁'),
          five('env_garbage', 'environment', '垃圾清运和分类'),
          five('env_green', 'environment', '绿化养护'),
        ],
      },
      {
        title: '社区文化',
        questions: [
          five('com_events', 'community', '社区文化活动的组织'),
          five('com_notices', 'community', '小区通知、公告是否及时清楚'),
        ],
      },
      {
        title: '综合服务',
        questions: [
          five('gen_fees', 'general', '物业费收费标准和收支公示是否透明'),
          five('gen_convenience', 'general', '家政、代办等便民服务'),
        ],
      },
      {
        title: '意见和建议',
        questions: [
          { key: 'open_worst', kind: 'open', text: '您对物业服务最不满意的地方是什么？' },
          { key: 'open_suggest', kind: 'open', text: '您对我们的服务还有哪些意见和建议？' },
        ],
      },
    ],
  };
}
