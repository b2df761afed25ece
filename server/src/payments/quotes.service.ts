import { BadRequestException, ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import {
  formatFen,
  isChargeableTicket,
  priceQuote,
  type QuoteLineInput,
  type QuoteStatus,
  type TicketStatus,
} from '@wuye/shared';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { isUniqueViolation } from '../common/db-errors';
import { mayHandleCharges } from './access';
import { ChargesService } from './charges.service';
import { QuoteReasonDto, SendQuoteDto } from './dto';
import { actorOf, QUOTABLE_STATUSES } from './payment-rules';
import { PayEventsRepository } from './repositories/pay-events.repository';
import { PaymentTicketsRepository } from './repositories/payment-tickets.repository';
import { PriceItemsRepository } from './repositories/price-items.repository';
import { QuotesRepository } from './repositories/quotes.repository';
import { PaymentTransactions } from './repositories/transactions';
import { QuoteSettlementService } from './settlement.service';

/**
 * Quotes 报价 of paid repairs 有偿维修 (issue 7): staff quote from the project's price list once the ticket is
 * with a department and until it is handled; a quote still unanswered is replaced by a newer one, and once one
 * is paid further work gets a supplementary quote 补充报价. The resident declines or pays; staff withdraw;
 * after payment staff start the work 开工, from which on a cancellation is no longer refunded in full.
 */
@Injectable()
export class QuotesService {
  constructor(
    private readonly tx: PaymentTransactions,
    private readonly quotes: QuotesRepository,
    private readonly priceItems: PriceItemsRepository,
    private readonly events: PayEventsRepository,
    private readonly ticketRows: PaymentTicketsRepository,
    private readonly charges: ChargesService,
    private readonly settlement: QuoteSettlementService,
    private readonly clock: Clock,
  ) {}

  /** Staff send a quote (or a supplementary one once a quote is paid); a quote still unanswered is replaced. */
  async sendQuote(user: AuthUser, ticketId: string, dto: SendQuoteDto, key?: string) {
    const t = await this.charges.visibleTicket(user, ticketId);
    if (!mayHandleCharges(user, t))
      throw new ForbiddenException('只有当前处理人、客服主管或项目经理可以报价');
    if (!isChargeableTicket(t))
      throw new BadRequestException(t.householdId ? '只有户内维修需要报价' : '公共区域维修不收费，无需报价');
    if (!QUOTABLE_STATUSES.includes(t.status as TicketStatus))
      throw new ConflictException('工单派单后、处理完毕前才能报价');
    if (key !== undefined && !/^[A-Za-z0-9_\-:.]{8,64}$/.test(key))
      throw new BadRequestException('请求编号（Idempotency-Key）格式不正确');
    if (key) {
      const seen = await this.quotes.byIdempotencyKey(t.id, key);
      if (seen) return this.charges.chargeSummary(t.id, user);
    }
    const inputs = await this.quoteLines(t.projectId, dto);
    const priced = priceQuote(inputs);
    if (!priced.ok) throw new BadRequestException(priced.message);

    const now = this.clock.now();
    const quotes = await this.quotes.ofTicket(t.id);
    if (quotes.some((q) => q.status === 'accepted'))
      throw new ConflictException('业主已接受上一份报价、正在支付；如需修改，请先撤回该报价');
    const supplementary = quotes.some((q) => q.status === 'paid');
    const replaced = quotes.filter((q) => q.status === 'sent');
    const quote = this.quotes.draft({
      ticketId: t.id,
      projectId: t.projectId,
      seq: Math.max(0, ...quotes.map((q) => q.seq)) + 1,
      supplementary,
      status: 'sent' satisfies QuoteStatus,
      totalFen: priced.totalFen,
      note: dto.note || null,
      createdById: user.id,
      createdByName: user.name,
      idempotencyKey: key ?? null,
      createdAt: now,
    });
    try {
      await this.tx.run(async (m) => {
        for (const old of replaced) {
          if (!(await this.quotes.move(m, old.id, 'sent', { status: 'withdrawn', endedAt: now })))
            throw new ConflictException('报价状态已变化，请刷新后重试');
          await this.events.record(
            m,
            {
              ticketId: t.id,
              quoteId: old.id,
              type: 'quote_withdrawn',
              actor: actorOf(user),
              source: 'staff',
              data: { replacedBy: quote.id },
            },
            this.clock.now(),
          );
        }
        await this.quotes.insert(
          m,
          quote,
          priced.lines.map((l, position) => ({
            quoteId: quote.id,
            position,
            priceItemId: inputs[position].priceItemId ?? null,
            kind: l.kind,
            name: l.name,
            unit: l.unit,
            unitPriceFen: l.unitPriceFen,
            quantity: l.quantity,
            amountFen: l.amountFen,
          })),
        );
        await this.events.record(
          m,
          {
            ticketId: t.id,
            quoteId: quote.id,
            type: 'quote_sent',
            actor: actorOf(user),
            source: 'staff',
            amountFen: quote.totalFen,
          },
          this.clock.now(),
        );
        const what = supplementary ? '补充报价' : replaced.length ? '更新后的维修报价' : '维修报价';
        await this.ticketRows.appendEvent(m, t.id, {
          action: 'quote_sent',
          label: supplementary ? '补充报价已发送' : '报价已发送',
          note: `${what} ${formatFen(quote.totalFen)}，请在小程序确认并支付${dto.note ? `。${dto.note}` : ''}`,
          internal: false,
          actor: actorOf(user),
          at: now,
          data: { quoteId: quote.id, totalFen: quote.totalFen },
        });
      });
    } catch (e) {
      // Two sends at once (double tap, two staff): one wins the (ticket, seq) or (ticket, key) slot.
      if (isUniqueViolation(e)) {
        if (key && (await this.quotes.byIdempotencyKey(t.id, key)))
          return this.charges.chargeSummary(t.id, user);
        throw new ConflictException('报价已被他人更新，请刷新后重试');
      }
      throw e;
    }
    return this.charges.chargeSummary(t.id, user);
  }

  /** Labour and call-out at the list price; materials at cost, from the list or written in. */
  private async quoteLines(
    projectId: string,
    dto: SendQuoteDto,
  ): Promise<(QuoteLineInput & { priceItemId?: string })[]> {
    const ids = dto.items.map((i) => i.priceItemId).filter((x): x is string => !!x);
    const list = ids.length ? await this.priceItems.activeOf(projectId, ids) : [];
    const byId = new Map(list.map((p) => [p.id, p]));
    return dto.items.map((i, n) => {
      if (i.priceItemId) {
        const p = byId.get(i.priceItemId);
        if (!p) throw new BadRequestException(`第 ${n + 1} 项不在本小区的维修价目表中`);
        const costPrice = p.kind === 'material' && i.unitPriceFen !== undefined;
        return {
          priceItemId: p.id,
          kind: p.kind as QuoteLineInput['kind'],
          name: p.name,
          unit: p.unit,
          unitPriceFen: costPrice ? i.unitPriceFen! : p.priceFen,
          quantity: i.quantity,
        };
      }
      if (i.kind !== 'material')
        throw new BadRequestException(`第 ${n + 1} 项：人工费和上门费请从维修价目表中选择`);
      if (i.unitPriceFen === undefined) throw new BadRequestException(`第 ${n + 1} 项请填写材料成本价`);
      return {
        kind: 'material',
        name: i.name ?? '',
        unit: i.unit,
        unitPriceFen: i.unitPriceFen,
        quantity: i.quantity,
      };
    });
  }

  async decline(user: AuthUser, ticketId: string, quoteId: string, dto: QuoteReasonDto) {
    if (user.kind !== 'resident') throw new ForbiddenException('只有业主可以拒绝报价');
    const t = await this.charges.visibleTicket(user, ticketId);
    const q = await this.charges.quoteOf(t, quoteId);
    await this.settlement.endQuote(
      t,
      q,
      'declined',
      { ...actorOf(user), name: t.anonymous ? '匿名住户' : user.name },
      'resident',
      dto.reason,
    );
    return this.charges.chargeSummary(t.id, user);
  }

  async withdraw(user: AuthUser, ticketId: string, quoteId: string, dto: QuoteReasonDto) {
    const t = await this.charges.visibleTicket(user, ticketId);
    if (!mayHandleCharges(user, t))
      throw new ForbiddenException('只有当前处理人、客服主管或项目经理可以撤回报价');
    const q = await this.charges.quoteOf(t, quoteId);
    await this.settlement.endQuote(t, q, 'withdrawn', actorOf(user), 'staff', dto.reason);
    return this.charges.chargeSummary(t.id, user);
  }

  /** 开工: from now on a cancellation is not refunded in full. Only after payment (the rule of paid repairs). */
  async startWork(user: AuthUser, ticketId: string, quoteId: string) {
    const t = await this.charges.visibleTicket(user, ticketId);
    if (!mayHandleCharges(user, t))
      throw new ForbiddenException('只有当前处理人、客服主管或项目经理可以开工');
    const q = await this.charges.quoteOf(t, quoteId);
    if (q.status !== 'paid')
      throw new ConflictException({ code: 'payment_pending', message: '业主付款后才能开工' });
    if (!q.workStartedAt) {
      const now = this.clock.now();
      await this.tx.run(async (m) => {
        if (!(await this.quotes.move(m, q.id, 'paid', { workStartedAt: now }, { workNotStarted: true })))
          return;
        await this.events.record(
          m,
          {
            ticketId: t.id,
            quoteId: q.id,
            type: 'work_started',
            actor: actorOf(user),
            source: 'staff',
          },
          this.clock.now(),
        );
        await this.ticketRows.appendEvent(m, t.id, {
          action: 'work_started',
          label: '有偿维修已开工',
          internal: false,
          actor: actorOf(user),
          at: now,
          data: { quoteId: q.id },
        });
      });
    }
    return this.charges.chargeSummary(t.id, user);
  }
}
