import { Injectable } from '@nestjs/common';
import { AuthUser } from '../common/auth-user';

/** A submission about to become a ticket, after it was classified. */
export interface IntakeSubmission {
  user: AuthUser;
  kind: string;
  content: string;
  householdId: string | null;
  projectId: string;
  /** Complaint category 投诉分类 from the classifier (null for repairs and other kinds). */
  category: string | null;
  anonymous: boolean;
  photoIds: string[];
  idempotencyKey: string;
  requestHash: string;
  now: Date;
  /** The resident's approved flats, as intake has just read them (undefined for staff). */
  boundHouseholdIds?: string[];
}

/**
 * Another domain may take a submission instead of a new ticket being opened (a repeat complaint reopens the
 * ticket it repeats): `divert` answers the id of the ticket that took it, `replay` answers the same id again
 * for a retry of the same request (same creator and idempotency key).
 */
export interface IntakeDiverter {
  replay(userId: string, idempotencyKey: string, requestHash: string): Promise<string | null>;
  divert(s: IntakeSubmission): Promise<string | null>;
}

/** Lets other domains take part in ticket intake without the tickets domain knowing them. */
@Injectable()
export class TicketIntakeHooks {
  private readonly diverters: IntakeDiverter[] = [];

  register(d: IntakeDiverter): void {
    this.diverters.push(d);
  }

  async replay(userId: string, key: string, requestHash: string): Promise<string | null> {
    for (const d of this.diverters) {
      const id = await d.replay(userId, key, requestHash);
      if (id) return id;
    }
    return null;
  }

  async divert(s: IntakeSubmission): Promise<string | null> {
    for (const d of this.diverters) {
      const id = await d.divert(s);
      if (id) return id;
    }
    return null;
  }
}
