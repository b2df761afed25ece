import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CATEGORY_NAMES, TICKET_KINDS, TICKET_STATUSES, TicketKind, TicketStatus } from '@wuye/shared';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { AuthUser, CurrentUser } from '../common/auth-user';
import { QueueScope, StaffService } from './staff.service';
import { ApiOkResponse } from '@nestjs/swagger';
import { Colleague, Inventory, QueuePage } from './responses';

class QueueQuery {
  @IsOptional()
  @IsIn(['mine', 'department', 'project', 'triage'], {
    message: '队列只能是 mine、department、project 或 triage',
  })
  scope: QueueScope = 'mine';
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) page = 1;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100, { message: '每页最多 100 条' }) pageSize = 30;
}

class ColleaguesQuery {
  @IsOptional() @IsString() @MaxLength(20) departmentCode?: string;
}

class SearchQuery {
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(50, { message: '搜索词不能超过 50 个字' })
  q?: string;
  @IsOptional()
  @IsIn([...TICKET_STATUSES, 'open'], { message: '没有这个工单状态' })
  status?: TicketStatus | 'open';
  @IsOptional() @IsIn(TICKET_KINDS, { message: '没有这个反馈类型' }) kind?: TicketKind;
  @IsOptional() @IsIn(CATEGORY_NAMES, { message: '没有这个投诉分类' }) category?: string;
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '开始日期格式应为 YYYY-MM-DD' }) from?: string;
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '结束日期格式应为 YYYY-MM-DD' }) to?: string;
  /** Only the tickets I registered (代客登记) — every status, newest first. */
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  registered?: boolean;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) page = 1;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100, { message: '每页最多 100 条' }) pageSize = 30;
}

@ApiTags('staff')
@ApiBearerAuth()
@Controller('staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get('queue')
  @ApiOkResponse({ type: QueuePage })
  queue(@CurrentUser() user: AuthUser, @Query() q: QueueQuery) {
    return this.staff.queue(user, q.scope, q.page, q.pageSize);
  }

  /**
   * The project's tickets (as far as this person may see them) by number, phone tail, address or words, with
   * filters; `registered=true`: the ones I registered for callers.
   */
  @Get('search')
  @ApiOkResponse({ type: QueuePage })
  search(@CurrentUser() user: AuthUser, @Query() q: SearchQuery) {
    return this.staff.search(user, q);
  }

  @Get('colleagues')
  @ApiOkResponse({ type: [Colleague] })
  colleagues(@CurrentUser() user: AuthUser, @Query() q: ColleaguesQuery) {
    return this.staff.colleagues(user, q.departmentCode);
  }

  @Get('inventory')
  @ApiOkResponse({ type: Inventory })
  inventory(@CurrentUser() user: AuthUser) {
    return this.staff.inventory(user);
  }
}
