import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthUser, CurrentUser } from '../common/auth-user';
import { UUID } from '../common/pipes';
import { RateLimited, RateLimiter } from '../common/rate-limit';
import { CreateTicketDto, ListTicketsQuery } from './dto';
import { TicketActionDto } from './lifecycle.dto';
import { LifecycleService } from './lifecycle.service';
import { TicketsService } from './tickets.service';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { TicketActionResult, TicketDetail, TicketPage } from './responses';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets')
export class TicketsController {
  constructor(
    private readonly tickets: TicketsService,
    private readonly lifecycle: LifecycleService,
    private readonly limiter: RateLimiter,
  ) {}

  /**
   * 201 with the new ticket; 200 with the same ticket when the idempotency key was seen before; 200 with an
   * earlier ticket and `reopenedExisting: true` when the submission repeated one handled within the week.
   * 429 with Retry-After over RATE_LIMIT_INTAKE (per person) or RATE_LIMIT_INTAKE_IP; a retry of a
   * submission already accepted does not count.
   */
  @Post()
  @RateLimited('intake')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: TicketDetail })
  @ApiOkResponse({
    type: TicketDetail,
    description: 'the same ticket again (idempotency key seen), or an earlier one reopened',
  })
  async create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateTicketDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { ticket, created, reopenedExisting, replayed } = await this.tickets.create(user, dto, key);
    if (replayed) await this.limiter.refund(req);
    res.status(created ? 201 : 200);
    return reopenedExisting ? { ...ticket, reopenedExisting } : ticket;
  }

  @Get()
  @ApiOkResponse({ type: TicketPage })
  list(@CurrentUser() user: AuthUser, @Query() q: ListTicketsQuery) {
    return this.tickets.list(user, q.page, q.pageSize);
  }

  @Get(':id')
  @ApiOkResponse({ type: TicketDetail })
  get(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.tickets.get(user, id);
  }

  /**
   * One move of the ticket's life (confirm, assign, propose_solution, mark_handled …). 400 with a
   * Chinese message when the move is not allowed now, 403 when not for this person, 409 with the
   * current ticket when someone else changed it first (send the `version` you saw).
   */
  @Post(':id/actions')
  @HttpCode(200)
  @ApiOkResponse({ type: TicketActionResult })
  act(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string, @Body() dto: TicketActionDto) {
    return this.lifecycle.act(user, id, dto);
  }
}
