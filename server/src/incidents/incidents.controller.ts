import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { AuthUser, CurrentUser } from '../common/auth-user';
import { UUID } from '../common/pipes';
import { IncidentsService } from './incidents.service';
import { ApiOkResponse } from '@nestjs/swagger';
import { IncidentDetail, IncidentSplit, IncidentView } from './responses';

class ListQuery {
  @IsOptional() @IsIn(['true', 'false']) hot?: string;
}
class MergeDto {
  @IsUUID('all', { message: '事件编号格式不正确' }) otherId: string;
}
class SplitDto {
  @IsUUID('all', { message: '工单编号格式不正确' }) ticketId: string;
}

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  @ApiOkResponse({ type: [IncidentView] })
  list(@CurrentUser() user: AuthUser, @Query() q: ListQuery) {
    return this.incidents.list(user, q.hot === 'true');
  }

  @Get(':id')
  @ApiOkResponse({ type: IncidentDetail })
  get(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.incidents.get(user, id);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @ApiOkResponse({ type: IncidentView })
  merge(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string, @Body() dto: MergeDto) {
    return this.incidents.merge(user, id, dto.otherId);
  }

  @Post(':id/split')
  @HttpCode(200)
  @ApiOkResponse({ type: IncidentSplit })
  split(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string, @Body() dto: SplitDto) {
    return this.incidents.split(user, id, dto.ticketId);
  }
}
