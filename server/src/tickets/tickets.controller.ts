import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser } from '../common/auth-user';
import { UUID } from '../common/pipes';
import { CreateTicketDto, ListTicketsQuery } from './dto';
import { TicketsService } from './tickets.service';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  /** 201 with the new ticket; 200 with the same ticket when the idempotency key was seen before. */
  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateTicketDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { ticket, created } = await this.tickets.create(user, dto, key);
    res.status(created ? 201 : 200);
    return ticket;
  }

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: ListTicketsQuery) {
    return this.tickets.list(user, q.page, q.pageSize);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.tickets.get(user, id);
  }
}
