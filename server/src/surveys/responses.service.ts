import { createHash } from 'node:crypto';
import { isUniqueViolation } from '../common/db-errors';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { isValidPoint, minAnsweredFor, QUESTIONNAIRE_LIMITS, SurveyScale } from '@wuye/shared';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { HouseholdBinding, Project } from '../org/entities';
import { AnswerDto } from './dto';
import { SurveyAnswer, SurveyCampaign, SurveyCampaignHousehold, SurveyResponse } from './entities';
import { LoadedQuestionnaire, QuestionnairesService } from './questionnaires.service';

export const ANSWER_REFUSALS = {
  staff: '满意度问卷须由住户本人填写，员工不能代填',
  notBound: '您还没有绑定这户房屋，不能填写它的问卷',
  notSampled: '您的房屋不在本次调查的样本中，感谢您的关注',
  closed: '本次调查已结束，不能再填写',
  notStarted: '本次调查尚未开始',
  alreadySubmitted: '本户已提交过问卷，每户只能提交一份，感谢您的参与',
} as const;

interface CleanAnswer {
  questionId: string;
  point: number | null;
  text: string | null;
}

/**
 * Residents answer 填写问卷: only a resident account with an approved binding to a sampled household (the
 * satisfaction-management handbook (6)②: questionnaires are not collected by service-centre staff), one
 * answer sheet per household, a draft that survives a weak network, and an idempotent submit.
 */
@Injectable()
export class SurveyResponsesService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly questionnaires: QuestionnairesService,
  ) {}

  /** Running campaigns that sampled one of the resident's households, with this household's status. */
  async pending(user: AuthUser) {
    if (user.kind !== 'resident') throw new ForbiddenException(ANSWER_REFUSALS.staff);
    const bindings = await this.ds
      .getRepository(HouseholdBinding)
      .find({ where: { userId: user.id, status: 'approved' } });
    if (!bindings.length) return [];
    const sampled = await this.ds
      .getRepository(SurveyCampaignHousehold)
      .findBy({ householdId: In(bindings.map((b) => b.householdId)) });
    if (!sampled.length) return [];
    const campaigns = await this.ds
      .getRepository(SurveyCampaign)
      .findBy({ id: In([...new Set(sampled.map((s) => s.campaignId))]), status: 'running' });
    const running = new Map(campaigns.map((c) => [c.id, c]));
    const rows = sampled.filter((s) => running.has(s.campaignId));
    if (!rows.length) return [];
    const responses = await this.ds
      .getRepository(SurveyResponse)
      .findBy({ campaignId: In([...running.keys()]), householdId: In(rows.map((r) => r.householdId)) });
    const projects = await this.ds
      .getRepository(Project)
      .findBy({ id: In([...new Set(campaigns.map((c) => c.projectId))]) });
    return rows
      .map((s) => {
        const c = running.get(s.campaignId)!;
        const r = responses.find((x) => x.campaignId === s.campaignId && x.householdId === s.householdId);
        return {
          campaignId: c.id,
          title: c.title,
          projectName: projects.find((p) => p.id === c.projectId)?.name ?? '',
          householdId: s.householdId,
          householdLabel: s.householdLabel,
          startedAt: c.startedAt,
          status: r?.status ?? ('pending' as const),
          submittedAt: r?.submittedAt ?? null,
          byMe: r ? r.respondentId === user.id : false,
        };
      })
      .sort((a, b) => Number(a.status === 'submitted') - Number(b.status === 'submitted'));
  }

  private async context(user: AuthUser, campaignId: string, householdId: string) {
    if (user.kind !== 'resident') throw new ForbiddenException(ANSWER_REFUSALS.staff);
    const binding = await this.ds
      .getRepository(HouseholdBinding)
      .findOneBy({ userId: user.id, householdId, status: 'approved' });
    if (!binding) throw new ForbiddenException(ANSWER_REFUSALS.notBound);
    const campaign = await this.ds.getRepository(SurveyCampaign).findOneBy({ id: campaignId });
    if (!campaign) throw new NotFoundException('没有找到这次调查');
    if (campaign.status === 'draft') throw new ForbiddenException(ANSWER_REFUSALS.notStarted);
    const sampled = await this.ds
      .getRepository(SurveyCampaignHousehold)
      .findOneBy({ campaignId, householdId });
    if (!sampled) throw new ForbiddenException(ANSWER_REFUSALS.notSampled);
    const q = await this.questionnaires.load(campaign.questionnaireId);
    return { campaign, sampled, q };
  }

  /** The form: questionnaire, this household's status and (a draft, or my own submitted) answers. */
  async form(user: AuthUser, campaignId: string, householdId: string) {
    const { campaign, sampled, q } = await this.context(user, campaignId, householdId);
    const response = await this.ds.getRepository(SurveyResponse).findOneBy({ campaignId, householdId });
    const showAnswers = response && (response.status === 'draft' || response.respondentId === user.id);
    const answers = showAnswers
      ? await this.ds.getRepository(SurveyAnswer).findBy({ responseId: response.id })
      : [];
    const closedCount = q.sections.flatMap((s) => s.questions).filter((x) => x.kind === 'scale').length;
    const driverName = new Map(q.drivers.map((d) => [d.code, d.name]));
    return {
      campaign: {
        id: campaign.id,
        title: campaign.title,
        status: campaign.status,
        open: campaign.status === 'running',
      },
      household: { id: householdId, label: sampled.householdLabel },
      questionnaire: {
        title: q.title,
        intro: q.intro,
        closing: q.closing,
        sections: q.sections.map((s) => ({
          id: s.id,
          title: s.title,
          questions: s.questions.map((x) => ({
            id: x.id,
            kind: x.kind,
            text: x.text,
            ...(x.kind === 'scale' ? { scale: x.scale, driverName: driverName.get(x.driver ?? '') } : {}),
          })),
        })),
      },
      closedCount,
      minAnswered: minAnsweredFor(closedCount, campaign.minAnsweredPercent / 100),
      response: {
        status: response?.status ?? 'pending',
        byMe: response ? response.respondentId === user.id : false,
        updatedAt: response?.updatedAt ?? null,
        submittedAt: response?.submittedAt ?? null,
      },
      answers: answers.map((a) => ({ questionId: a.questionId, point: a.point, text: a.text })),
    };
  }

  /** Checks answers against the questionnaire; drops empty ones. */
  private clean(q: LoadedQuestionnaire, answers: AnswerDto[]): CleanAnswer[] {
    const byId = new Map(q.sections.flatMap((s) => s.questions).map((x) => [x.id, x]));
    const seen = new Set<string>();
    const out: CleanAnswer[] = [];
    for (const a of answers) {
      const question = byId.get(a.questionId);
      if (!question) throw new BadRequestException('答案中有不属于本问卷的题目，请刷新后重试');
      if (seen.has(a.questionId)) throw new BadRequestException('同一道题只能回答一次');
      seen.add(a.questionId);
      if (question.kind === 'scale') {
        if (a.text) throw new BadRequestException(`评分题“${question.text}”只能选择分数`);
        if (a.point === null || a.point === undefined) continue;
        if (!isValidPoint(a.point, question.scale as SurveyScale))
          throw new BadRequestException(`“${question.text}”的评分应在 1–${question.scale} 之间`);
        out.push({ questionId: a.questionId, point: a.point, text: null });
      } else {
        if (a.point !== null && a.point !== undefined)
          throw new BadRequestException(`开放题“${question.text}”请填写文字`);
        const text = a.text?.trim();
        if (!text) continue;
        if (Array.from(text).length > QUESTIONNAIRE_LIMITS.openAnswerMax)
          throw new BadRequestException(`每条意见不能超过 ${QUESTIONNAIRE_LIMITS.openAnswerMax} 字`);
        out.push({ questionId: a.questionId, point: null, text });
      }
    }
    return out.sort((x, y) => (x.questionId < y.questionId ? -1 : 1));
  }

  private async writeAnswers(m: EntityManager, responseId: string, answers: CleanAnswer[]) {
    await m.getRepository(SurveyAnswer).delete({ responseId });
    if (answers.length)
      await m.getRepository(SurveyAnswer).insert(answers.map((a) => ({ responseId, ...a })));
  }

  /** Saves a draft 草稿 of the household's answer sheet (until it is submitted). */
  async saveDraft(user: AuthUser, campaignId: string, householdId: string, answers: AnswerDto[]) {
    const { campaign, q } = await this.context(user, campaignId, householdId);
    if (campaign.status !== 'running') throw new ConflictException(ANSWER_REFUSALS.closed);
    const clean = this.clean(q, answers);
    const closed = new Set(
      q.sections
        .flatMap((s) => s.questions)
        .filter((x) => x.kind === 'scale')
        .map((x) => x.id),
    );
    const now = this.clock.now();
    const save = () =>
      this.ds.transaction(async (m) => {
        const repo = m.getRepository(SurveyResponse);
        const existing = await repo.findOneBy({ campaignId, householdId });
        if (existing?.status === 'submitted') throw new ConflictException(ANSWER_REFUSALS.alreadySubmitted);
        const fields = {
          respondentId: user.id,
          answeredClosed: clean.filter((a) => closed.has(a.questionId)).length,
          updatedAt: now,
        };
        let id: string;
        if (existing) {
          const res = await repo.update({ id: existing.id, status: 'draft' }, fields);
          if (!res.affected) throw new ConflictException(ANSWER_REFUSALS.alreadySubmitted);
          id = existing.id;
        } else {
          const row = repo.create({
            campaignId,
            householdId,
            status: 'draft',
            idempotencyKey: null,
            requestHash: null,
            valid: null,
            createdAt: now,
            submittedAt: null,
            ...fields,
          });
          await repo.insert(row);
          id = row.id;
        }
        await this.writeAnswers(m, id, clean);
      });
    try {
      await save();
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      await save(); // another member of the household saved first: save over their draft
    }
    return { status: 'draft' as const, savedAt: now, answered: clean.length };
  }

  /**
   * Submits the household's answer sheet. Idempotent per key: a retry with the same key returns the
   * same result (created=false); any other submission for an answered household is refused.
   */
  async submit(
    user: AuthUser,
    campaignId: string,
    householdId: string,
    answers: AnswerDto[],
    bodyKey?: string,
    headerKey?: string,
  ) {
    const key = bodyKey ?? headerKey;
    if (!key || !/^[A-Za-z0-9_\-:.]{8,64}$/.test(key))
      throw new BadRequestException('缺少请求编号（Idempotency-Key），请刷新后重试');
    if (bodyKey && headerKey && bodyKey !== headerKey)
      throw new BadRequestException('请求编号与请求头不一致');
    const { campaign, q } = await this.context(user, campaignId, householdId);
    const clean = this.clean(q, answers);
    const requestHash = createHash('sha256').update(JSON.stringify(clean)).digest('hex');
    const closedIds = new Set(
      q.sections
        .flatMap((s) => s.questions)
        .filter((x) => x.kind === 'scale')
        .map((x) => x.id),
    );
    const answeredClosed = clean.filter((a) => closedIds.has(a.questionId)).length;
    const valid =
      answeredClosed >= Math.max(1, minAnsweredFor(closedIds.size, campaign.minAnsweredPercent / 100));

    const replay = async () => {
      const r = await this.ds.getRepository(SurveyResponse).findOneBy({ campaignId, householdId });
      if (r?.status !== 'submitted') return null;
      if (r.idempotencyKey !== key || r.respondentId !== user.id)
        throw new ConflictException(ANSWER_REFUSALS.alreadySubmitted);
      if (r.requestHash !== requestHash)
        throw new UnprocessableEntityException('该请求编号已用于另一份答卷，请刷新后重试');
      return { response: this.view(r, closedIds.size), created: false };
    };
    const done = await replay();
    if (done) return done;
    if (campaign.status !== 'running') throw new ConflictException(ANSWER_REFUSALS.closed);

    const now = this.clock.now();
    try {
      const saved = await this.ds.transaction(async (m) => {
        const repo = m.getRepository(SurveyResponse);
        const existing = await repo.findOneBy({ campaignId, householdId });
        const fields = {
          respondentId: user.id,
          status: 'submitted' as const,
          idempotencyKey: key,
          requestHash,
          answeredClosed,
          valid,
          updatedAt: now,
          submittedAt: now,
        };
        let row: SurveyResponse;
        if (existing) {
          const res = await repo.update({ id: existing.id, status: 'draft' }, fields);
          if (!res.affected) return null; // submitted meanwhile
          row = Object.assign(existing, fields);
        } else {
          row = repo.create({ campaignId, householdId, createdAt: now, ...fields });
          await repo.insert(row);
        }
        await this.writeAnswers(m, row.id, clean);
        return row;
      });
      if (saved) return { response: this.view(saved, closedIds.size), created: true };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    const again = await replay();
    if (again) return again;
    throw new ConflictException(ANSWER_REFUSALS.alreadySubmitted);
  }

  private view(r: SurveyResponse, closedCount: number) {
    return {
      campaignId: r.campaignId,
      householdId: r.householdId,
      status: r.status,
      submittedAt: r.submittedAt,
      answeredClosed: r.answeredClosed,
      closedCount,
      valid: r.valid,
    };
  }
}
