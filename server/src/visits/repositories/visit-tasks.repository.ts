import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { VisitAttempt, VisitTask } from '../entities';

/** Still owed: the resident's invitation is out, or staff are to visit. */
export const PENDING_TASK_STATUSES: VisitTask['status'][] = ['invited', 'open'];

/** Which visit tasks a staff list shows (every condition given applies). */
export interface VisitTaskFilter {
  /** Group HQ: the company's; otherwise the project's. */
  where: { companyId: string } | { projectId: string };
  ticketIds?: string[];
  visitorRoles?: string[];
  /** One status, or null for every status but cancelled. */
  status: string | null;
  dueBefore?: Date;
  dueBy?: Date;
  skip: number;
  take: number;
}

/**
 * Return visits owed 回访任务 and the tries made at each 回访记录. A task's moves (invited → open → done, or
 * cancelled) are conditional on its status still being pending, so a job, a visitor and the resident
 * answering at once change it once.
 */
@Injectable()
export class VisitTasksRepository {
  constructor(private readonly ds: DataSource) {}

  /** A new task, not stored yet (its id is known at once). */
  draft(fields: Partial<VisitTask>): VisitTask {
    return this.ds.getRepository(VisitTask).create(fields);
  }

  async insert(m: EntityManager, task: Partial<VisitTask>): Promise<void> {
    await m.getRepository(VisitTask).insert(task);
  }

  find(id: string): Promise<VisitTask | null> {
    return this.ds.getRepository(VisitTask).findOneBy({ id });
  }

  /** The first visit of a handling round (the one the resident's rating answers). */
  firstOfRound(
    ticketId: string,
    round: number,
    m: EntityManager = this.ds.manager,
  ): Promise<VisitTask | null> {
    return m.getRepository(VisitTask).findOneBy({ ticketId, round, seq: 1 });
  }

  ofRound(m: EntityManager, ticketId: string, round: number): Promise<VisitTask[]> {
    return m.getRepository(VisitTask).findBy({ ticketId, round });
  }

  /** The round's visit with the highest seq. */
  lastOfRound(m: EntityManager, ticketId: string, round: number): Promise<VisitTask | null> {
    return m.getRepository(VisitTask).findOne({ where: { ticketId, round }, order: { seq: 'DESC' } });
  }

  /** Every visit of the ticket, by round and seq. */
  ofTicket(ticketId: string): Promise<VisitTask[]> {
    return this.ds
      .getRepository(VisitTask)
      .find({ where: { ticketId }, order: { round: 'ASC', seq: 'ASC' } });
  }

  /** The ticket's visits still owed (of one round, or one visit of it, when given). */
  pending(m: EntityManager, where: { ticketId: string; round?: number; seq?: number }): Promise<VisitTask[]> {
    return m.getRepository(VisitTask).findBy({ ...where, status: In(PENDING_TASK_STATUSES) });
  }

  /** Cancels those of the tasks still owed, with the reason. */
  async cancelPending(m: EntityManager, ids: string[], reason: string): Promise<void> {
    await m
      .getRepository(VisitTask)
      .update(
        { id: In(ids), status: In(PENDING_TASK_STATUSES) },
        { status: 'cancelled', cancelReason: reason },
      );
  }

  /** invited → open; true when this call moved it. */
  async openInvited(m: EntityManager, id: string): Promise<boolean> {
    const res = await m.getRepository(VisitTask).update({ id, status: 'invited' }, { status: 'open' });
    return !!res.affected;
  }

  /** Marks a task still owed done; true when this call did. */
  async markDone(
    m: EntityManager,
    id: string,
    done: Pick<VisitTask, 'outcome' | 'doneVia' | 'doneAt' | 'doneById'>,
  ): Promise<boolean> {
    const res = await m
      .getRepository(VisitTask)
      .update({ id, status: In(PENDING_TASK_STATUSES) }, { status: 'done', ...done });
    return !!res.affected;
  }

  /** Changes the round's visits still owed. */
  async updatePendingOfRound(
    m: EntityManager,
    ticketId: string,
    round: number,
    patch: Partial<VisitTask>,
  ): Promise<void> {
    await m.getRepository(VisitTask).update({ ticketId, round, status: In(PENDING_TASK_STATUSES) }, patch);
  }

  async delete(m: EntityManager, ids: string[]): Promise<void> {
    await m.getRepository(VisitTask).delete({ id: In(ids) });
  }

  /** The project's open after-rain visits not yet given a date. */
  undatedAfterRain(m: EntityManager, projectId: string): Promise<VisitTask[]> {
    return m
      .getRepository(VisitTask)
      .findBy({ projectId, trigger: 'after_rain', status: 'open', dueAt: IsNull() });
  }

  async setDue(m: EntityManager, id: string, dueAt: Date): Promise<void> {
    await m.getRepository(VisitTask).update({ id }, { dueAt });
  }

  /** A page of the tasks the filter selects: undated last, then by due date and age; with the total. */
  page(f: VisitTaskFilter): Promise<[VisitTask[], number]> {
    const qb = this.ds.getRepository(VisitTask).createQueryBuilder('v');
    if ('companyId' in f.where) qb.where('v.companyId = :cid', { cid: f.where.companyId });
    else qb.where('v.projectId = :pid', { pid: f.where.projectId });
    if (f.ticketIds)
      qb.andWhere('v.ticketId IN (:...own)', { own: f.ticketIds.length ? f.ticketIds : ['-'] });
    if (f.visitorRoles) qb.andWhere('v.visitorRole IN (:...roles)', { roles: f.visitorRoles });
    if (f.status === null) qb.andWhere('v.status <> :c', { c: 'cancelled' });
    else qb.andWhere('v.status = :st', { st: f.status });
    if (f.dueBefore) qb.andWhere('v.dueAt < :now', { now: f.dueBefore });
    if (f.dueBy) qb.andWhere('v.dueAt <= :eod', { eod: f.dueBy });
    return qb
      .orderBy('CASE WHEN v.dueAt IS NULL THEN 1 ELSE 0 END', 'ASC')
      .addOrderBy('v.dueAt', 'ASC')
      .addOrderBy('v.createdAt', 'ASC')
      .skip(f.skip)
      .take(f.take)
      .getManyAndCount();
  }

  // ── tries at a visit ──

  /** The tries at one visit, oldest first. */
  attemptsOf(taskId: string): Promise<VisitAttempt[]> {
    return this.ds.getRepository(VisitAttempt).find({ where: { taskId }, order: { createdAt: 'ASC' } });
  }

  /** The tries at these visits, oldest first. */
  attemptsOfTasks(taskIds: string[]): Promise<VisitAttempt[]> {
    return this.ds
      .getRepository(VisitAttempt)
      .find({ where: { taskId: In(taskIds) }, order: { createdAt: 'ASC' } });
  }

  countAttempts(m: EntityManager, taskIds: string[]): Promise<number> {
    return m.getRepository(VisitAttempt).countBy({ taskId: In(taskIds) });
  }

  async insertAttempt(m: EntityManager, attempt: Partial<VisitAttempt>): Promise<void> {
    await m.getRepository(VisitAttempt).insert(attempt);
  }
}
