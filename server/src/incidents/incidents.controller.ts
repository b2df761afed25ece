import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { AuthUser, CurrentUser } from '../common/auth-user';
import { UUID } from '../common/pipes';
import { TicketActionDto } from '../tickets/lifecycle.dto';
import { VisitSettingsDto } from '../visits/dto';
import { IncidentWorkService } from './incident-work.service';
import { IncidentsService } from './incidents.service';
import { ApiOkResponse } from '@nestjs/swagger';
import { IncidentDetail, IncidentMoves, IncidentSplit, IncidentView } from './responses';

class ListQuery {
  @IsOptional() @IsIn(['true', 'false']) hot?: string;
}
class MergeDto {
  @IsUUID('all', { message: '事件编号格式不正确' }) otherId: string;
}
class SplitDto {
  @IsUUID('all', { message: '工单编号格式不正确' }) ticketId: string;
}
/** The complaint to link: by id, or by the number staff read off it (TS20261105-0001). */
class LinkDto {
  @ValidateIf((o: LinkDto) => !o.number)
  @IsUUID('all', { message: '请填写要并入的投诉编号' })
  ticketId?: string;
  @IsOptional() @IsString() @MaxLength(24, { message: '投诉编号不正确' }) number?: string;
}
/** One move for every open complaint of the event: a ticket action without a version (each has its own). */
class IncidentActionDto extends OmitType(TicketActionDto, ['version'] as const) {}

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly work: IncidentWorkService,
  ) {}

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

  /** Links a lone complaint to the event (the event's counts follow; it may turn hot). */
  @Post(':id/link')
  @HttpCode(200)
  @ApiOkResponse({ type: IncidentView })
  link(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string, @Body() dto: LinkDto) {
    return this.incidents.link(user, id, { id: dto.ticketId, number: dto.number?.trim() });
  }

  /** Takes a complaint out of the event (the same as split). */
  @Post(':id/unlink')
  @HttpCode(200)
  @ApiOkResponse({ type: IncidentSplit })
  unlink(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string, @Body() dto: SplitDto) {
    return this.incidents.split(user, id, dto.ticketId);
  }

  /** One move on every open complaint of the event: one reply to every complainant, one handling. */
  @Post(':id/actions')
  @HttpCode(200)
  @ApiOkResponse({ type: IncidentMoves })
  act(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string, @Body() dto: IncidentActionDto) {
    return this.work.act(user, id, dto);
  }

  /** One visit plan for the event: the complaint level (who visits) or sensitive, on every open complaint. */
  @Put(':id/visit-settings')
  @ApiOkResponse({ type: IncidentMoves })
  visitPlan(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string, @Body() dto: VisitSettingsDto) {
    return this.work.visitPlan(user, id, dto);
  }
}
