import { randomBytes } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import {
  computeResults,
  CUSTOMER_TYPE_LABELS,
  CustomerType,
  customerTypeOf,
  drawSample,
  isKeyCustomerReason,
  minAnsweredFor,
  sampleSize,
  SamplingUnit,
} from '@wuye/shared';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { Building, Household, Project, Unit, User } from '../org/entities';
import { inScope, requireSurveyAccess, SurveyAccess } from './access';
import { allowed } from '../common/permissions';
import { SURVEY_PERMISSIONS } from './permissions';
import { CreateCampaignDto, StartCampaignDto, UpdateCampaignDto } from './dto';
import {
  CampaignStatus,
  SurveyAnswer,
  SurveyCampaign,
  SurveyCampaignHousehold,
  SurveyEvent,
  SurveyQuestionnaire,
  SurveyResponse,
} from './entities';
import { QuestionnairesService } from './questionnaires.service';

export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  draft: '未开始',
  running: '进行中',
  closed: '已结束',
};

const EVENT_LABELS: Record<SurveyEvent['action'], string> = {
  created: '创建调查',
  updated: '修改设置',
  started: '开始调查并抽取样本',
  closed: '结束调查',
  exported: '导出结果',
};

const DEFAULTS = { samplePercent: 20, minSample: 20, minAnsweredPercent: 80 };

/** Buildings in their compound order: 2栋 before 10栋. */
export const byBuildingName = (a: string, b: string) => a.localeCompare(b, 'zh-Hans-CN', { numeric: true });

/**
 * Satisfaction-survey campaigns 满意度调查 (docs/domain-rules.md "Satisfaction surveys"): created and started
 * by the quality department or HQ, which draws the stratified random sample once and fixes it; results for
 * them and for the service centre's managers.
 */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly questionnaires: QuestionnairesService,
  ) {}

  private async find(user: AuthUser, id: string, need: SurveyAccess) {
    const access = await requireSurveyAccess(this.ds, user, 'viewer');
    const c = await this.ds.getRepository(SurveyCampaign).findOneBy({ id });
    if (!c || !inScope(user, c)) throw new NotFoundException('没有找到这次调查');
    if (need === 'admin' && access !== 'admin') await requireSurveyAccess(this.ds, user, 'admin');
    return { c, access };
  }

  private async event(
    m: EntityManager,
    campaignId: string,
    action: SurveyEvent['action'],
    actorId: string,
    detail?: unknown,
  ) {
    await m.getRepository(SurveyEvent).insert({
      campaignId,
      action,
      actorId,
      at: this.clock.now(),
      detail: detail === undefined ? null : JSON.stringify(detail),
    });
  }

  async list(user: AuthUser) {
    const access = await requireSurveyAccess(this.ds, user, 'viewer');
    const where = allowed(SURVEY_PERMISSIONS.anyProjectOfCompany, user)
      ? { companyId: user.companyId ?? '-' }
      : { projectId: user.projectId ?? '-' };
    const rows = await this.ds.getRepository(SurveyCampaign).find({ where, order: { createdAt: 'DESC' } });
    const ids = rows.map((r) => r.id);
    const [projects, questionnaires, responses] = await Promise.all([
      this.names(
        Project,
        rows.map((r) => r.projectId),
      ),
      ids.length
        ? this.ds.getRepository(SurveyQuestionnaire).findBy({ id: In(rows.map((r) => r.questionnaireId)) })
        : [],
      ids.length
        ? this.ds
            .getRepository(SurveyResponse)
            .find({ where: { campaignId: In(ids), status: 'submitted' }, select: { campaignId: true } })
        : [],
    ]);
    const qById = new Map(questionnaires.map((q) => [q.id, q]));
    return {
      canManage: access === 'admin',
      items: rows.map((c) => ({
        id: c.id,
        title: c.title,
        status: c.status,
        statusLabel: CAMPAIGN_STATUS_LABELS[c.status],
        projectName: projects.get(c.projectId) ?? '',
        questionnaireTitle: qById.get(c.questionnaireId)?.title ?? '',
        questionnaireVersion: qById.get(c.questionnaireId)?.version ?? null,
        sampleSize: c.sampleSize,
        submitted: responses.filter((r) => r.campaignId === c.id).length,
        createdAt: c.createdAt,
        startedAt: c.startedAt,
        closedAt: c.closedAt,
      })),
    };
  }

  private async names(entity: typeof Project | typeof User, ids: string[]) {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map<string, string>();
    const rows = await this.ds.getRepository<{ id: string; name: string }>(entity).findBy({ id: In(unique) });
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async create(user: AuthUser, dto: CreateCampaignDto) {
    await requireSurveyAccess(this.ds, user, 'admin');
    let projectId = dto.projectId ?? user.projectId;
    if (!projectId) throw new BadRequestException('请选择要调查的小区');
    if (!allowed(SURVEY_PERMISSIONS.anyProjectOfCompany, user) && projectId !== user.projectId)
      throw new ForbiddenException('品质部只能组织本项目的满意度调查，跨项目请由集团组织');
    const project = await this.ds.getRepository(Project).findOneBy({ id: projectId });
    if (!project || project.companyId !== user.companyId) throw new NotFoundException('没有找到这个小区');
    projectId = project.id;
    const q = await this.ds.getRepository(SurveyQuestionnaire).findOneBy({ id: dto.questionnaireId });
    if (!q || q.companyId !== project.companyId) throw new NotFoundException('没有找到这份问卷');
    const id = await this.ds.transaction(async (m) => {
      const c = m.getRepository(SurveyCampaign).create({
        companyId: project.companyId,
        projectId,
        questionnaireId: q.id,
        title: dto.title.trim(),
        status: 'draft',
        samplePercent: dto.samplePercent ?? DEFAULTS.samplePercent,
        minSample: dto.minSample ?? DEFAULTS.minSample,
        minAnsweredPercent: dto.minAnsweredPercent ?? DEFAULTS.minAnsweredPercent,
        seed: null,
        populationSize: null,
        sampleSize: null,
        createdById: user.id,
        createdAt: this.clock.now(),
        startedById: null,
        startedAt: null,
        closedById: null,
        closedAt: null,
      });
      await m.getRepository(SurveyCampaign).insert(c);
      await this.event(m, c.id, 'created', user.id, { title: c.title, questionnaireId: q.id });
      return c.id;
    });
    return this.get(user, id);
  }

  /** Settings may change only before the start; afterwards the sample and its rules are fixed. */
  async update(user: AuthUser, id: string, dto: UpdateCampaignDto) {
    const { c } = await this.find(user, id, 'admin');
    if (c.status !== 'draft') throw new ConflictException('调查已开始，样本和设置已固定，不能再修改');
    if (dto.questionnaireId) {
      const q = await this.ds.getRepository(SurveyQuestionnaire).findOneBy({ id: dto.questionnaireId });
      if (!q || q.companyId !== c.companyId) throw new NotFoundException('没有找到这份问卷');
    }
    const patch: Partial<SurveyCampaign> = {};
    for (const k of ['questionnaireId', 'samplePercent', 'minSample', 'minAnsweredPercent'] as const)
      if (dto[k] !== undefined) (patch as Record<string, unknown>)[k] = dto[k];
    if (dto.title !== undefined) patch.title = dto.title.trim();
    await this.ds.transaction(async (m) => {
      const res = await m.getRepository(SurveyCampaign).update({ id, status: 'draft' }, patch);
      if (!res.affected) throw new ConflictException('调查已开始，样本和设置已固定，不能再修改');
      await this.event(m, id, 'updated', user.id, patch);
    });
    return this.get(user, id);
  }

  /** The households of a project as sampling units: building and customer type as of now. */
  private async population(projectId: string) {
    const buildings = await this.ds.getRepository(Building).find({ where: { projectId } });
    const units = buildings.length
      ? await this.ds.getRepository(Unit).findBy({ buildingId: In(buildings.map((b) => b.id)) })
      : [];
    const households = await this.ds.getRepository(Household).find({ where: { projectId } });
    const unitById = new Map(units.map((u) => [u.id, u]));
    const buildingById = new Map(buildings.map((b) => [b.id, b]));
    const now = this.clock.now();
    return households
      .filter((h) => unitById.has(h.unitId))
      .map((h) => {
        const building = buildingById.get(unitById.get(h.unitId)!.buildingId)!;
        let reasons: string[] = [];
        try {
          reasons = h.keyCustomerReasons ? (JSON.parse(h.keyCustomerReasons) as string[]) : [];
        } catch {
          reasons = [];
        }
        return {
          household: h,
          building,
          customerType: customerTypeOf(
            { keyCustomerReasons: reasons.filter(isKeyCustomerReason), moveInDate: h.moveInDate },
            now,
          ),
        };
      });
  }

  /**
   * Starts the campaign: draws the sample with the seed (random when none is given), stores it with
   * the seed and who started it, and freezes the questionnaire. Only once: a second start is refused.
   */
  async start(user: AuthUser, id: string, dto: StartCampaignDto) {
    const { c } = await this.find(user, id, 'admin');
    if (c.status !== 'draft') throw new ConflictException('调查已经开始，样本已固定，不能重新抽样');
    const pop = await this.population(c.projectId);
    if (!pop.length) throw new BadRequestException('这个小区还没有房屋，无法抽样');
    const seed = dto.seed ?? randomBytes(8).toString('hex');
    const units: SamplingUnit[] = pop.map((p) => ({
      id: p.household.id,
      sortKey: p.household.label,
      building: p.building.id,
      customerType: p.customerType,
    }));
    const sample = drawSample(units, { rate: c.samplePercent / 100, min: c.minSample }, seed);
    const byId = new Map(pop.map((p) => [p.household.id, p]));
    const buildingName = (bid: string) => pop.find((p) => p.building.id === bid)!.building.name;
    const now = this.clock.now();
    await this.ds.transaction(async (m) => {
      const res = await m.getRepository(SurveyCampaign).update(
        { id, status: 'draft' },
        {
          status: 'running',
          seed,
          populationSize: sample.population,
          sampleSize: sample.size,
          startedById: user.id,
          startedAt: now,
        },
      );
      if (!res.affected) throw new ConflictException('调查已经开始，样本已固定，不能重新抽样');
      const rows = sample.ids.map((hid) => {
        const p = byId.get(hid)!;
        return m.getRepository(SurveyCampaignHousehold).create({
          campaignId: id,
          householdId: hid,
          buildingId: p.building.id,
          buildingName: p.building.name,
          householdLabel: p.household.label,
          customerType: p.customerType,
        });
      });
      for (let i = 0; i < rows.length; i += 200)
        await m.getRepository(SurveyCampaignHousehold).insert(rows.slice(i, i + 200));
      await this.questionnaires.freeze(m, c.questionnaireId);
      await this.event(m, id, 'started', user.id, {
        seed,
        population: sample.population,
        sampleSize: sample.size,
        rules: { samplePercent: c.samplePercent, minSample: c.minSample },
        byBuilding: sample.byBuilding.map((b) => ({ ...b, key: buildingName(b.key) })),
        byCustomerType: sample.byCustomerType,
      });
    });
    return this.get(user, id);
  }

  async close(user: AuthUser, id: string) {
    const { c } = await this.find(user, id, 'admin');
    if (c.status !== 'running') throw new ConflictException('只有进行中的调查可以结束');
    await this.ds.transaction(async (m) => {
      const res = await m
        .getRepository(SurveyCampaign)
        .update(
          { id, status: 'running' },
          { status: 'closed', closedById: user.id, closedAt: this.clock.now() },
        );
      if (!res.affected) throw new ConflictException('只有进行中的调查可以结束');
      await this.event(m, id, 'closed', user.id);
    });
    return this.get(user, id);
  }

  /** One campaign; the sampled addresses and the audit trail only for the surveyors (admins). */
  async get(user: AuthUser, id: string) {
    const { c, access } = await this.find(user, id, 'viewer');
    const admin = access === 'admin';
    const [project, q, events, sampleRows, responses] = await Promise.all([
      this.ds.getRepository(Project).findOneBy({ id: c.projectId }),
      this.ds.getRepository(SurveyQuestionnaire).findOneBy({ id: c.questionnaireId }),
      this.ds.getRepository(SurveyEvent).find({ where: { campaignId: id }, order: { at: 'ASC' } }),
      this.ds.getRepository(SurveyCampaignHousehold).find({ where: { campaignId: id } }),
      this.ds.getRepository(SurveyResponse).find({ where: { campaignId: id } }),
    ]);
    const actors = await this.names(User, [
      ...events.map((e) => e.actorId),
      c.createdById,
      ...(c.startedById ? [c.startedById] : []),
    ]);
    const respByHousehold = new Map(responses.map((r) => [r.householdId, r]));
    const buildingOf = new Map(sampleRows.map((s) => [s.householdId, s.buildingName]));
    const started = events.find((e) => e.action === 'started');
    const drawn = started?.detail
      ? (JSON.parse(started.detail) as {
          byBuilding: { key: string; population: number; sample: number }[];
          byCustomerType: { key: string; population: number; sample: number }[];
        })
      : null;
    let preview: { population: number; sampleSize: number } | null = null;
    if (c.status === 'draft') {
      const population = (await this.population(c.projectId)).length;
      preview = {
        population,
        sampleSize: sampleSize(population, { rate: c.samplePercent / 100, min: c.minSample }),
      };
    }
    const submitted = responses.filter((r) => r.status === 'submitted');
    return {
      id: c.id,
      title: c.title,
      status: c.status,
      statusLabel: CAMPAIGN_STATUS_LABELS[c.status],
      canManage: admin,
      project: { id: c.projectId, name: project?.name ?? '' },
      questionnaire: { id: c.questionnaireId, title: q?.title ?? '', version: q?.version ?? null },
      samplePercent: c.samplePercent,
      minSample: c.minSample,
      minAnsweredPercent: c.minAnsweredPercent,
      seed: admin ? c.seed : null,
      populationSize: c.populationSize,
      sampleSize: c.sampleSize,
      preview,
      createdAt: c.createdAt,
      createdBy: actors.get(c.createdById) ?? '',
      startedAt: c.startedAt,
      startedBy: c.startedById ? (actors.get(c.startedById) ?? '') : null,
      closedAt: c.closedAt,
      progress: {
        submitted: submitted.length,
        drafts: responses.length - submitted.length,
        invalid: submitted.filter((r) => r.valid === false).length,
      },
      sample: drawn
        ? {
            byBuilding: [...drawn.byBuilding]
              .sort((a, b) => byBuildingName(a.key, b.key))
              .map((b) => ({
                building: b.key,
                population: b.population,
                sample: b.sample,
                submitted: submitted.filter((r) => buildingOf.get(r.householdId) === b.key).length,
              })),
            byCustomerType: drawn.byCustomerType.map((t) => ({
              customerType: t.key,
              label: CUSTOMER_TYPE_LABELS[t.key as CustomerType] ?? t.key,
              population: t.population,
              sample: t.sample,
            })),
          }
        : null,
      // The satisfaction-management handbook, (6)③: the sample list is not shown to the service centre.
      households: admin
        ? sampleRows
            .sort((a, b) => byBuildingName(a.householdLabel, b.householdLabel))
            .map((s) => ({
              householdId: s.householdId,
              label: s.householdLabel,
              building: s.buildingName,
              customerType: s.customerType,
              customerTypeLabel: CUSTOMER_TYPE_LABELS[s.customerType as CustomerType] ?? s.customerType,
              status: respByHousehold.get(s.householdId)?.status ?? 'pending',
            }))
        : null,
      events: admin
        ? events.map((e) => ({
            action: e.action,
            label: EVENT_LABELS[e.action],
            actor: actors.get(e.actorId) ?? '',
            at: e.at,
          }))
        : null,
    };
  }

  /** Results 调查结果 (computeResults in @wuye/shared) with the campaign's names. */
  async results(user: AuthUser, id: string) {
    const { c } = await this.find(user, id, 'viewer');
    if (c.status === 'draft') throw new ConflictException('调查尚未开始，还没有结果');
    const q = await this.questionnaires.load(c.questionnaireId);
    const sampleRows = await this.ds
      .getRepository(SurveyCampaignHousehold)
      .find({ where: { campaignId: id } });
    const buildingOf = new Map(sampleRows.map((s) => [s.householdId, s.buildingName]));
    const perBuilding = new Map<string, number>();
    sampleRows.forEach((s) => perBuilding.set(s.buildingName, (perBuilding.get(s.buildingName) ?? 0) + 1));
    const responses = await this.ds
      .getRepository(SurveyResponse)
      .find({ where: { campaignId: id, status: 'submitted' }, order: { submittedAt: 'ASC' } });
    const answers = responses.length
      ? await this.ds.getRepository(SurveyAnswer).findBy({ responseId: In(responses.map((r) => r.id)) })
      : [];
    const questions = q.sections.flatMap((s) => s.questions);
    const results = computeResults({
      drivers: q.drivers,
      questions,
      sampleByBuilding: [...perBuilding]
        .sort(([a], [b]) => byBuildingName(a, b))
        .map(([building, sampled]) => ({ building, sampled })),
      responses: responses.map((r) => ({
        building: buildingOf.get(r.householdId) ?? '',
        answers: answers
          .filter((a) => a.responseId === r.id)
          .map((a) => ({ questionId: a.questionId, point: a.point, text: a.text })),
      })),
      minAnsweredRatio: c.minAnsweredPercent / 100,
    });
    const driverName = new Map(q.drivers.map((d) => [d.code, d.name]));
    return {
      campaign: {
        id: c.id,
        title: c.title,
        status: c.status,
        statusLabel: CAMPAIGN_STATUS_LABELS[c.status],
        minAnsweredPercent: c.minAnsweredPercent,
        startedAt: c.startedAt,
        closedAt: c.closedAt,
      },
      questionnaire: { id: q.id, title: q.title, version: q.version },
      ...results,
      minAnswered: minAnsweredFor(results.closedQuestions, c.minAnsweredPercent / 100),
      questions: results.questions.map((x) => ({ ...x, driverName: driverName.get(x.driver) ?? x.driver })),
    };
  }

  /** For the export's audit line. */
  async recordExport(campaignId: string, actorId: string) {
    await this.event(this.ds.manager, campaignId, 'exported', actorId);
  }
}
