import { PhrasesService } from '../privacy/phrases.service';
import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DEFAULT_REPLY_TEMPLATES, REPLY_TEMPLATE_CATEGORIES } from '@wuye/shared';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { ReplyTemplateRow } from './reply-template.entity';
import { REPLY_PERMISSIONS } from './permissions';
import { allowed } from '../common/permissions';

@Injectable()
export class RepliesService {
  constructor(
    private readonly ds: DataSource,
    private readonly phrases: PhrasesService,
  ) {}

  private projectOf(user: AuthUser): string {
    if (user.kind !== 'staff' || !user.projectId)
      throw new ForbiddenException('只有小区员工可以使用回复口径');
    return user.projectId;
  }

  /** The project's templates; a project that has none yet starts from the handbook defaults. */
  async list(user: AuthUser, category?: string) {
    const projectId = this.projectOf(user);
    const repo = this.ds.getRepository(ReplyTemplateRow);
    if ((await repo.countBy({ projectId })) === 0) {
      let sort = 0;
      const rows = REPLY_TEMPLATE_CATEGORIES.flatMap((c) =>
        DEFAULT_REPLY_TEMPLATES[c].map((tpl) =>
          repo.create({
            projectId,
            category: c,
            title: tpl.title,
            text: tpl.text,
            sort: sort++,
            updatedById: null,
          }),
        ),
      );
      await repo.insert(rows).catch(() => undefined); // another request seeded them first
    }
    const where = category ? { projectId, category } : { projectId };
    const rows = await repo.find({ where, order: { sort: 'ASC' } });
    return rows.map((r) => ({
      id: r.id,
      category: r.category,
      title: r.title,
      text: r.text,
      updatedAt: r.updatedAt,
    }));
  }

  async save(user: AuthUser, id: string | null, body: { category: string; title: string; text: string }) {
    const projectId = this.projectOf(user);
    if (!allowed(REPLY_PERMISSIONS.edit, user))
      throw new ForbiddenException('只有客服主管和项目经理可以修改回复口径');
    if (!(REPLY_TEMPLATE_CATEGORIES as readonly string[]).includes(body.category))
      throw new BadRequestException('分类不正确');
    // Templates are checked against the company's list; placeholders are fine here (filled in when sent).
    const check = await this.phrases.check(user.companyId, body.text);
    if (!check.ok) {
      throw new BadRequestException({
        message: `回复口径中含有服务禁语“${check.hits[0].phrase}”，建议改为：${check.hits[0].better}`,
        hits: check.hits,
      });
    }
    const repo = this.ds.getRepository(ReplyTemplateRow);
    if (id) {
      const row = await repo.findOneBy({ id, projectId });
      if (!row) throw new NotFoundException('没有找到这条回复口径');
      Object.assign(row, body, { updatedById: user.id });
      return repo.save(row);
    }
    return repo.save(repo.create({ ...body, projectId, sort: 1000, updatedById: user.id }));
  }

  async remove(user: AuthUser, id: string) {
    const projectId = this.projectOf(user);
    if (!allowed(REPLY_PERMISSIONS.edit, user))
      throw new ForbiddenException('只有客服主管和项目经理可以修改回复口径');
    const res = await this.ds.getRepository(ReplyTemplateRow).delete({ id, projectId });
    if (!res.affected) throw new NotFoundException('没有找到这条回复口径');
    return { ok: true };
  }
}
