import { Clock } from '../common/clock';
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { staffProject } from './access';
import { PriceItemDto, UpdatePriceItemDto } from './dto';
import { PriceItem } from './entities';

/** A project's price list 维修价目表 for paid repairs: every staff member reads it, the project manager edits it. */
@Injectable()
export class PriceListService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(user: AuthUser, projectId?: string, includeRetired = false) {
    const pid = await staffProject(this.ds, user, projectId);
    const rows = await this.ds.getRepository(PriceItem).find({
      where: includeRetired ? { projectId: pid } : { projectId: pid, active: true },
      order: { sort: 'ASC', createdAt: 'ASC' },
    });
    return { projectId: pid, items: rows.map(view) };
  }

  async create(user: AuthUser, dto: PriceItemDto) {
    const pid = this.editableProject(user);
    const row = this.ds.getRepository(PriceItem).create({
      projectId: pid,
      kind: dto.kind,
      name: dto.name,
      unit: dto.unit || '项',
      priceFen: dto.priceFen,
      sort: dto.sort ?? 0,
      active: true,
      updatedById: user.id,
      createdAt: this.clock.now(),
      updatedAt: this.clock.now(),
    });
    await this.ds.getRepository(PriceItem).insert(row);
    return view(row);
  }

  async update(user: AuthUser, id: string, dto: UpdatePriceItemDto) {
    const pid = this.editableProject(user);
    const repo = this.ds.getRepository(PriceItem);
    const row = await repo.findOneBy({ id, projectId: pid });
    if (!row) throw new NotFoundException('没有找到这个收费项目');
    Object.assign(row, dto, { updatedById: user.id, updatedAt: this.clock.now() });
    if (dto.unit !== undefined) row.unit = dto.unit || '项';
    await repo.save(row);
    return view(row);
  }

  private editableProject(user: AuthUser): string {
    if (user.kind !== 'staff' || user.role !== 'project_manager' || !user.projectId)
      throw new ForbiddenException('只有项目经理可以修改维修价目表');
    return user.projectId;
  }
}

const view = (p: PriceItem) => ({
  id: p.id,
  kind: p.kind,
  name: p.name,
  unit: p.unit,
  priceFen: p.priceFen,
  sort: p.sort,
  active: p.active,
});
