import { Clock } from '../common/clock';
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser } from '../common/auth-user';
import { staffProject } from './access';
import { PriceItemDto, UpdatePriceItemDto } from './dto';
import { PriceItem } from './entities';
import { PaymentProjectsRepository } from './repositories/payment-projects.repository';
import { PriceItemsRepository } from './repositories/price-items.repository';
import { PAYMENT_PERMISSIONS } from './permissions';
import { allowed } from '../common/permissions';

/** A project's price list 维修价目表 for paid repairs: every staff member reads it, the project manager edits it. */
@Injectable()
export class PriceListService {
  constructor(
    private readonly items: PriceItemsRepository,
    private readonly projects: PaymentProjectsRepository,
    private readonly clock: Clock,
  ) {}

  async list(user: AuthUser, projectId?: string, includeRetired = false) {
    const pid = await staffProject(this.projects, user, projectId);
    const rows = await this.items.list(pid, includeRetired);
    return { projectId: pid, items: rows.map(view) };
  }

  async create(user: AuthUser, dto: PriceItemDto) {
    const pid = this.editableProject(user);
    const row = this.items.draft({
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
    await this.items.insert(row);
    return view(row);
  }

  async update(user: AuthUser, id: string, dto: UpdatePriceItemDto) {
    const pid = this.editableProject(user);
    const row = await this.items.find(pid, id);
    if (!row) throw new NotFoundException('没有找到这个收费项目');
    Object.assign(row, dto, { updatedById: user.id, updatedAt: this.clock.now() });
    if (dto.unit !== undefined) row.unit = dto.unit || '项';
    await this.items.save(row);
    return view(row);
  }

  private editableProject(user: AuthUser): string {
    if (user.kind !== 'staff' || !allowed(PAYMENT_PERMISSIONS.editPriceList, user) || !user.projectId)
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
  // A boolean on both databases: after an INSERT, TypeORM fills the column's default back from MySQL as 1.
  active: !!p.active,
});
