import { createHash } from 'node:crypto';
import { BadRequestException } from '@nestjs/common';
import { Channel, suggestRepairClass, TicketStatus } from '@wuye/shared';
import { TicketChange } from '../events/ticket-hooks';
import { AuthUser } from '../common/auth-user';
import { instance } from '../common/entity-helpers';
import { Household, Project } from '../org/entities';
import { ClockOptions, initialDeadlines, repairInputsOf } from './deadline-fields';
import { CreateTicketDto } from './dto';
import { Ticket, TicketEvent } from './entities';
import { IntakeDecision } from './ports';

/*
 * The pure steps of ticket intake (TicketsService.create): what a submission is, the ticket it drafts, its first
 * timeline record and the change the listeners hear. No reads, no writes.
 */

/** A submission as intake checked it: its idempotency key, its photos, and the fingerprint of what was sent. */
export interface Submission {
  key: string;
  photoIds: string[];
  /** An anonymous resident's number for a call back, kept apart (privacy/entities TicketCallback); null: none. */
  callbackPhone: string | null;
  /** sha256 of the submitted fields: the same key with other content is refused. */
  requestHash: string;
}

/** Where a new ticket belongs and who is behind it (TicketsService.resolveContext). */
export interface IntakeContext {
  project: Project;
  /** A resident's approved flats (undefined for staff). */
  boundHouseholdIds: string[] | undefined;
  companyId: string;
  projectId: string;
  household: Household | null;
  householdId: string | null;
  channel: Channel;
  contactName: string | null;
  contactPhone: string | null;
}

const KEY = /^[A-Za-z0-9_\-:.]{8,64}$/;

/** Step 1: the idempotency key (body or header, the same when both), the photos, the fingerprint. 400 otherwise. */
export function readSubmission(dto: CreateTicketDto, headerKey?: string): Submission {
  const key = dto.idempotencyKey ?? headerKey;
  if (!key || !KEY.test(key)) throw new BadRequestException('缺少请求编号（Idempotency-Key），请刷新后重试');
  if (dto.idempotencyKey && headerKey && dto.idempotencyKey !== headerKey)
    throw new BadRequestException('请求编号与请求头不一致');
  const photoIds = dto.photoIds ?? [];
  if (new Set(photoIds).size !== photoIds.length) throw new BadRequestException('同一张照片不能重复添加');
  const requestHash = createHash('sha256')
    .update(
      JSON.stringify([
        dto.kind,
        dto.content,
        photoIds,
        dto.householdId ?? null,
        dto.location ?? null,
        dto.channel ?? 'miniapp',
        !!dto.anonymous,
        // Only when given, so the fingerprints of submissions without one stay what they were.
        ...(dto.callbackPhone ? [dto.callbackPhone] : []),
      ]),
    )
    .digest('hex');
  if (dto.callbackPhone && !dto.anonymous)
    throw new BadRequestException('回电号码只用于匿名反馈；实名反馈时工作人员会通过您的账号联系您');
  return { key, photoIds, requestHash, callbackPhone: dto.callbackPhone ?? null };
}

/**
 * The ticket as received, before it is numbered, dispatched or linked to an incident: its deadlines from the
 * project's clock, its queue rank (the household's, raised by the classifier's flags), the classifier's fields.
 */
export function draftTicket(
  user: AuthUser,
  dto: CreateTicketDto,
  sub: Submission,
  ctx: IntakeContext,
  decision: IntakeDecision,
  rank: { priority: number; priorityReason: string | null },
  clock: ClockOptions,
  now: Date,
): Ticket {
  const repairClass = dto.kind === 'repair' ? suggestRepairClass(dto.content).repairClass : null;
  return instance(Ticket, {
    companyId: ctx.companyId,
    projectId: ctx.projectId,
    kind: dto.kind,
    status: 'received' satisfies TicketStatus,
    // Repairs: the class suggested from the text (staff confirm or change it at dispatch) and the type's fix time.
    repairClass: repairClass,
    ...initialDeadlines(dto.kind, ctx.channel, now, {
      ...clock,
      emergency: !!decision.fields.emergency,
      ...repairInputsOf({ kind: dto.kind, content: dto.content, repairClass }),
    }),
    channel: ctx.channel,
    content: dto.content,
    anonymous: !!dto.anonymous,
    householdId: ctx.householdId,
    location: dto.location || null,
    residentId: user.kind === 'resident' ? user.id : null,
    contactName: dto.anonymous ? null : ctx.contactName,
    contactPhone: dto.anonymous ? null : ctx.contactPhone,
    firstReceiverId: user.kind === 'staff' ? user.id : null,
    createdById: user.id,
    idempotencyKey: sub.key,
    requestHash: sub.requestHash,
    createdAt: now,
    updatedAt: now,
    version: 1,
    ...rank,
    ...decision.fields,
    priority: Math.max(rank.priority, decision.fields.priority ?? 0),
    peopleCount: user.kind === 'staff' ? (dto.peopleCount ?? 1) : 1,
  });
}

/** The first record of a new ticket's timeline: received (已受理), by the resident or the staff who registered it. */
export function receivedEvent(user: AuthUser, t: Ticket, now: Date): TicketEvent {
  return instance(TicketEvent, {
    ticketId: t.id,
    ticketVersion: 1,
    createdAt: now,
    action: 'create',
    fromStatus: null,
    toStatus: 'received',
    actorId: user.id,
    actorName: user.kind === 'resident' && t.anonymous ? '匿名住户' : user.name,
    actorRole: user.role,
    note: user.kind === 'staff' ? `由${user.name}代为登记` : null,
    internal: false,
    label: '已受理',
    data: null,
  });
}

/** What the ticket's listeners (deadline clocks, notices, visits) hear of its creation. */
export function creation(user: AuthUser, t: Ticket, now: Date): TicketChange {
  return {
    before: null,
    after: t,
    action: 'create',
    actor: { id: user.id, name: user.name, role: user.role, kind: user.kind },
    now,
    public: true,
    label: '已受理',
  };
}
