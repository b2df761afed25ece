import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import {
  defaultQuestionnaire,
  QuestionnaireDefinition,
  SurveyScale,
  validateQuestionnaire,
} from '@wuye/shared';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { inScope, requireSurveyAccess } from './access';
import { SurveyDriverRow, SurveyQuestionnaire, SurveyQuestionRow, SurveySectionRow } from './entities';

/** A questionnaire version as stored, with ids, for forms, results and the builder. */
export interface LoadedQuestionnaire {
  id: string;
  familyId: string;
  version: number;
  title: string;
  intro: string;
  closing: string;
  frozen: boolean;
  drivers: { code: string; name: string; weight: number }[];
  sections: {
    id: string;
    title: string;
    questions: {
      id: string;
      key: string;
      kind: 'scale' | 'open';
      text: string;
      scale?: SurveyScale;
      driver?: string;
    }[];
  }[];
}

/** Questionnaires 调查问卷: built from the default template, edited until a campaign freezes them, versioned. */
@Injectable()
export class QuestionnairesService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  template(): QuestionnaireDefinition {
    return defaultQuestionnaire();
  }

  async list(user: AuthUser) {
    await requireSurveyAccess(this.ds, user, 'admin');
    const rows = await this.ds
      .getRepository(SurveyQuestionnaire)
      .find({ where: { companyId: user.companyId ?? '-' }, order: { createdAt: 'DESC', version: 'DESC' } });
    const latest = new Map<string, SurveyQuestionnaire>();
    for (const r of rows) if ((latest.get(r.familyId)?.version ?? 0) < r.version) latest.set(r.familyId, r);
    const counts = await this.questionCounts(rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id,
      familyId: r.familyId,
      version: r.version,
      title: r.title,
      frozen: !!r.frozenAt,
      latest: latest.get(r.familyId)?.id === r.id,
      questions: counts.get(r.id) ?? 0,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    }));
  }

  private async questionCounts(ids: string[]) {
    const m = new Map<string, number>();
    if (!ids.length) return m;
    const qs = await this.ds
      .getRepository(SurveyQuestionRow)
      .find({ where: { questionnaireId: In(ids) }, select: { questionnaireId: true } });
    qs.forEach((q) => m.set(q.questionnaireId, (m.get(q.questionnaireId) ?? 0) + 1));
    return m;
  }

  /** New questionnaire (version 1): the given definition, or the default 物业服务满意度 template. */
  async create(user: AuthUser, def: QuestionnaireDefinition | null) {
    await requireSurveyAccess(this.ds, user, 'admin');
    if (!user.companyId) throw new ForbiddenException('账号未归属物业公司');
    const definition = def ?? defaultQuestionnaire();
    this.assertValid(definition);
    const id = await this.ds.transaction(async (m) => {
      const now = this.clock.now();
      const q = m.getRepository(SurveyQuestionnaire).create({
        companyId: user.companyId!,
        version: 1,
        createdById: user.id,
        createdAt: now,
        updatedAt: now,
        frozenAt: null,
      });
      q.familyId = q.id;
      await this.write(m, q, definition);
      return q.id;
    });
    return this.get(user, id);
  }

  async get(user: AuthUser, id: string) {
    await requireSurveyAccess(this.ds, user, 'viewer');
    const row = await this.ds.getRepository(SurveyQuestionnaire).findOneBy({ id });
    if (!row || !inScope(user, { companyId: row.companyId })) throw new NotFoundException('没有找到这份问卷');
    return this.load(id);
  }

  /** Edit a version no campaign has used yet. */
  async update(user: AuthUser, id: string, def: QuestionnaireDefinition) {
    await requireSurveyAccess(this.ds, user, 'admin');
    this.assertValid(def);
    await this.ds.transaction(async (m) => {
      const row = await m.getRepository(SurveyQuestionnaire).findOneBy({ id });
      if (!row || !inScope(user, { companyId: row.companyId }))
        throw new NotFoundException('没有找到这份问卷');
      if (row.frozenAt) throw new ConflictException('这份问卷已用于调查，已冻结；请“另存为新版本”后修改');
      await m.getRepository(SurveyQuestionRow).delete({ questionnaireId: id });
      await m.getRepository(SurveySectionRow).delete({ questionnaireId: id });
      await m.getRepository(SurveyDriverRow).delete({ questionnaireId: id });
      row.updatedAt = this.clock.now();
      await this.write(m, row, def);
    });
    return this.load(id);
  }

  /** A new, editable version of the same questionnaire: a copy of `id`, or the given definition. */
  async newVersion(user: AuthUser, id: string, def: QuestionnaireDefinition | null) {
    await requireSurveyAccess(this.ds, user, 'admin');
    const base = await this.ds.getRepository(SurveyQuestionnaire).findOneBy({ id });
    if (!base || !inScope(user, { companyId: base.companyId }))
      throw new NotFoundException('没有找到这份问卷');
    const definition = def ?? toDefinition(await this.load(id));
    this.assertValid(definition);
    const newId = await this.ds.transaction(async (m) => {
      const last = await m
        .getRepository(SurveyQuestionnaire)
        .findOne({ where: { familyId: base.familyId }, order: { version: 'DESC' } });
      const now = this.clock.now();
      const q = m.getRepository(SurveyQuestionnaire).create({
        companyId: base.companyId,
        familyId: base.familyId,
        version: (last?.version ?? base.version) + 1,
        createdById: user.id,
        createdAt: now,
        updatedAt: now,
        frozenAt: null,
      });
      await this.write(m, q, definition);
      return q.id;
    });
    return this.load(newId);
  }

  /** Freezes the version a campaign starts with (inside the start transaction). */
  async freeze(m: EntityManager, id: string) {
    await m
      .getRepository(SurveyQuestionnaire)
      .createQueryBuilder()
      .update()
      .set({ frozenAt: this.clock.now() })
      .where('id = :id AND frozenAt IS NULL', { id })
      .execute();
  }

  private assertValid(def: QuestionnaireDefinition) {
    const errors = validateQuestionnaire(def);
    if (errors.length) throw new BadRequestException(errors);
  }

  private async write(m: EntityManager, q: SurveyQuestionnaire, def: QuestionnaireDefinition) {
    q.title = def.title.trim();
    q.intro = def.intro ?? '';
    q.closing = def.closing ?? '';
    await m.getRepository(SurveyQuestionnaire).save(q);
    await m.getRepository(SurveyDriverRow).insert(
      def.drivers.map((d, i) => ({
        questionnaireId: q.id,
        code: d.code,
        name: d.name.trim(),
        weight: d.weight,
        sort: i,
      })),
    );
    const sections = def.sections.map((s, i) =>
      m.getRepository(SurveySectionRow).create({ questionnaireId: q.id, title: s.title.trim(), sort: i }),
    );
    await m.getRepository(SurveySectionRow).insert(sections);
    let sort = 0;
    const questions = def.sections.flatMap((s, i) =>
      s.questions.map((x) =>
        m.getRepository(SurveyQuestionRow).create({
          questionnaireId: q.id,
          sectionId: sections[i].id,
          key: x.key,
          kind: x.kind,
          text: x.text.trim(),
          scale: x.kind === 'scale' ? (x.scale ?? null) : null,
          driverCode: x.kind === 'scale' ? (x.driver ?? null) : null,
          sort: sort++,
        }),
      ),
    );
    if (questions.length) await m.getRepository(SurveyQuestionRow).insert(questions);
  }

  /** The stored version with ids (no permission check: callers have done it). */
  async load(id: string, m: EntityManager = this.ds.manager): Promise<LoadedQuestionnaire> {
    const q = await m.getRepository(SurveyQuestionnaire).findOneBy({ id });
    if (!q) throw new NotFoundException('没有找到这份问卷');
    const [drivers, sections, questions] = await Promise.all([
      m.getRepository(SurveyDriverRow).find({ where: { questionnaireId: id }, order: { sort: 'ASC' } }),
      m.getRepository(SurveySectionRow).find({ where: { questionnaireId: id }, order: { sort: 'ASC' } }),
      m.getRepository(SurveyQuestionRow).find({ where: { questionnaireId: id }, order: { sort: 'ASC' } }),
    ]);
    return {
      id: q.id,
      familyId: q.familyId,
      version: q.version,
      title: q.title,
      intro: q.intro,
      closing: q.closing,
      frozen: !!q.frozenAt,
      drivers: drivers.map((d) => ({ code: d.code, name: d.name, weight: d.weight })),
      sections: sections.map((s) => ({
        id: s.id,
        title: s.title,
        questions: questions
          .filter((x) => x.sectionId === s.id)
          .map((x) => ({
            id: x.id,
            key: x.key,
            kind: x.kind,
            text: x.text,
            ...(x.kind === 'scale'
              ? { scale: x.scale as SurveyScale, driver: x.driverCode ?? undefined }
              : {}),
          })),
      })),
    };
  }
}

export function toDefinition(q: LoadedQuestionnaire): QuestionnaireDefinition {
  return {
    title: q.title,
    intro: q.intro,
    closing: q.closing,
    drivers: q.drivers.map((d) => ({ ...d })),
    sections: q.sections.map((s) => ({
      title: s.title,
      questions: s.questions.map(({ id: _id, ...rest }) => ({ ...rest })),
    })),
  };
}
