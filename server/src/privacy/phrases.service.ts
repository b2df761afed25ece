import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import {
  checkReplyWith,
  COMPANY_BETTER_MAX,
  COMPANY_PHRASE_MAX,
  COMPANY_PHRASE_MIN,
  COMPANY_PHRASES_MAX,
  CompanyPhrase,
  DEFAULT_COMPANY_PHRASES,
  ReplyCheck,
  unfilledPlaceholders,
} from '@wuye/shared';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { ForbiddenPhraseRow } from './entities';
import { PRIVACY_PERMISSIONS } from './permissions';
import { allowed } from '../common/permissions';
import { ResidentTextCheck } from '../tickets/ports';

/**
 * The company's list of phrases staff must not say to a resident 服务禁语, with the better wording beside each
 * (docs/domain-rules.md "Staff language"), and the check every text a resident will read goes through: no
 * forbidden phrase, no template placeholder left unfilled ({区域}, {时间}). The tickets domain runs that check
 * through its ResidentTextCheck port (privacy/phrase-port.module.ts).
 */
@Injectable()
export class PhrasesService implements ResidentTextCheck {
  constructor(private readonly ds: DataSource) {}

  private companyOf(user: AuthUser): string {
    if (user.kind !== 'staff' || !user.companyId)
      throw new ForbiddenException('只有物业员工可以查看服务禁语');
    return user.companyId;
  }

  /** The company's list; a company that has none yet starts from the seed (the handbook's and the common ones). */
  async list(companyId: string): Promise<CompanyPhrase[]> {
    const repo = this.ds.getRepository(ForbiddenPhraseRow);
    let rows = await repo.find({ where: { companyId }, order: { sort: 'ASC' } });
    if (!rows.length) {
      await repo
        .insert(DEFAULT_COMPANY_PHRASES.map((p, sort) => ({ companyId, ...p, sort, updatedById: null })))
        .catch(() => undefined); // another request seeded it first
      rows = await repo.find({ where: { companyId }, order: { sort: 'ASC' } });
    }
    return rows.map((r) => ({ phrase: r.phrase, better: r.better }));
  }

  async listFor(user: AuthUser) {
    const items = await this.list(this.companyOf(user));
    return { items, editable: allowed(PRIVACY_PERMISSIONS.editPhrases, user), max: COMPANY_PHRASES_MAX };
  }

  /** Replaces the whole list (bounded: how many, how long); at least one entry stays. */
  async replace(user: AuthUser, items: CompanyPhrase[]) {
    const companyId = this.companyOf(user);
    if (!allowed(PRIVACY_PERMISSIONS.editPhrases, user))
      throw new ForbiddenException('只有客服主管、项目经理和集团总部可以修改服务禁语');
    if (!items.length) throw new BadRequestException('服务禁语至少保留一条');
    if (items.length > COMPANY_PHRASES_MAX)
      throw new BadRequestException(`服务禁语最多 ${COMPANY_PHRASES_MAX} 条`);
    const seen = new Set<string>();
    const clean = items.map((i, n) => {
      const phrase = i.phrase.trim();
      const better = i.better.trim();
      if (Array.from(phrase).length < COMPANY_PHRASE_MIN || Array.from(phrase).length > COMPANY_PHRASE_MAX)
        throw new BadRequestException(
          `第 ${n + 1} 条禁语需 ${COMPANY_PHRASE_MIN}–${COMPANY_PHRASE_MAX} 个字`,
        );
      if (!better || Array.from(better).length > COMPANY_BETTER_MAX)
        throw new BadRequestException(`第 ${n + 1} 条的建议说法需 1–${COMPANY_BETTER_MAX} 个字`);
      if (seen.has(phrase)) throw new BadRequestException(`禁语“${phrase}”重复了`);
      seen.add(phrase);
      return { phrase, better };
    });
    await this.ds.transaction(async (m) => {
      await m.getRepository(ForbiddenPhraseRow).delete({ companyId });
      await m
        .getRepository(ForbiddenPhraseRow)
        .insert(clean.map((p, sort) => ({ companyId, ...p, sort, updatedById: user.id })));
    });
    return this.listFor(user);
  }

  /** The forbidden-phrase check against the company's list (POST /api/reply-check, reply templates). */
  async check(companyId: string | null, text: string): Promise<ReplyCheck> {
    return checkReplyWith(text, companyId ? await this.list(companyId) : DEFAULT_COMPANY_PHRASES);
  }

  /**
   * A text staff send to a resident: 400 when it holds a forbidden phrase (with the better wording) or a template
   * placeholder nobody filled in (the form asks for the value).
   */
  async assertSendable(companyId: string, text: string | null | undefined): Promise<void> {
    if (!text?.trim()) return;
    const missing = unfilledPlaceholders(text);
    if (missing.length)
      throw new BadRequestException({
        message: `请先填写模板中的${missing.map((m) => `{${m}}`).join('、')}，再发送给业主`,
        code: 'unfilled_placeholder',
        placeholders: missing,
      });
    const check = await this.check(companyId, text);
    if (!check.ok)
      throw new BadRequestException({
        message: `回复中含有服务禁语“${check.hits[0]!.matched}”，建议改为：${check.hits[0]!.better}`,
        code: 'forbidden_phrase',
        hits: check.hits,
      });
  }
}
