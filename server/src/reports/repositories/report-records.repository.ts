import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { CorrectiveAction, ReportSubmission, RepresentativeCase } from '../entities';

/**
 * What managers write into a month's analysis: corrective actions 纠正措施, representative cases 代表性案例
 * and the submissions to HQ.
 */
@Injectable()
export class ReportRecordsRepository {
  constructor(private readonly ds: DataSource) {}

  // ── corrective actions ──

  actionsOf(projectIds: string[], month: string): Promise<CorrectiveAction[]> {
    return this.ds
      .getRepository(CorrectiveAction)
      .createQueryBuilder('a')
      .where(`a.projectId IN (:...ids) AND a.month = :month`, { ids: projectIds, month })
      .orderBy('a.createdAt', 'ASC')
      .getMany();
  }

  action(id: string): Promise<CorrectiveAction | null> {
    return this.ds.getRepository(CorrectiveAction).findOneBy({ id });
  }

  async addAction(fields: Partial<CorrectiveAction>): Promise<CorrectiveAction> {
    const repo = this.ds.getRepository(CorrectiveAction);
    const row = repo.create(fields);
    await repo.insert(row);
    return repo.findOneByOrFail({ id: row.id });
  }

  async updateAction(id: string, patch: Partial<CorrectiveAction>): Promise<CorrectiveAction> {
    const repo = this.ds.getRepository(CorrectiveAction);
    await repo.update({ id }, patch);
    return repo.findOneByOrFail({ id });
  }

  async removeAction(id: string): Promise<void> {
    await this.ds.getRepository(CorrectiveAction).delete({ id });
  }

  // ── representative cases ──

  casesOf(projectIds: string[], month: string): Promise<RepresentativeCase[]> {
    return this.ds
      .getRepository(RepresentativeCase)
      .createQueryBuilder('c')
      .where(`c.projectId IN (:...ids) AND c.month = :month`, { ids: projectIds, month })
      .orderBy('c.createdAt', 'ASC')
      .getMany();
  }

  case(id: string): Promise<RepresentativeCase | null> {
    return this.ds.getRepository(RepresentativeCase).findOneBy({ id });
  }

  caseOfTicket(projectId: string, month: string, ticketId: string): Promise<RepresentativeCase | null> {
    return this.ds.getRepository(RepresentativeCase).findOneBy({ projectId, month, ticketId });
  }

  async addCase(fields: Partial<RepresentativeCase>): Promise<RepresentativeCase> {
    const repo = this.ds.getRepository(RepresentativeCase);
    const row = repo.create(fields);
    await repo.insert(row);
    return row;
  }

  async removeCase(id: string): Promise<void> {
    await this.ds.getRepository(RepresentativeCase).delete({ id });
  }

  // ── submissions to HQ ──

  submission(projectId: string, kind: string, period: string): Promise<ReportSubmission | null> {
    return this.ds.getRepository(ReportSubmission).findOneBy({ projectId, kind, period });
  }

  /** Which projects submitted `kind` for these periods, as 'projectId/period'. */
  async submitted(kind: string, periods: string[]): Promise<Set<string>> {
    if (!periods.length) return new Set();
    const rows = await this.ds.getRepository(ReportSubmission).find({
      where: { kind, period: In(periods) },
      select: { projectId: true, period: true },
    });
    return new Set(rows.map((s) => `${s.projectId}/${s.period}`));
  }

  async addSubmission(fields: Partial<ReportSubmission>): Promise<ReportSubmission> {
    const repo = this.ds.getRepository(ReportSubmission);
    const row = repo.create(fields);
    await repo.insert(row);
    return row;
  }
}
