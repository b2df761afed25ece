import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
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
