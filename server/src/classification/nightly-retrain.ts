import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { JobsService } from '../jobs/jobs.service';
import { nextDailyAt } from '../jobs/schedule';
import { Company } from '../org/entities';
import { ClassificationCorrection } from './correction.entity';
import { ClassifierService } from './classifier.service';
import { ClassifierModelVersion } from './model-version.entity';

/** The next 02:00 Beijing time after an instant: the quiet hour for retraining. */
export const nextNightlyRun = (after: Date): Date => nextDailyAt(after, 2);

/**
 * Every night, each company with staff corrections newer than its latest model gets a full retrain; the
 * result goes live only if it is not worse on the fixed test split (ClassifierService.retrain decides and
 * records accuracy before and after, so a bad one can be rolled back).
 */
@Injectable()
export class NightlyRetrain implements OnModuleInit {
  private readonly log = new Logger('NightlyRetrain');
  constructor(
    private readonly ds: DataSource,
    private readonly jobs: JobsService,
    private readonly classifier: ClassifierService,
  ) {}

  onModuleInit() {
    this.jobs.every({
      type: 'classifier.nightly',
      next: (after) => nextNightlyRun(after),
      run: async () => void (await this.run()),
    });
  }

  async run(): Promise<number> {
    let n = 0;
    for (const company of await this.ds.getRepository(Company).find()) {
      const latest = await this.ds
        .getRepository(ClassifierModelVersion)
        .findOne({ where: { companyId: company.id }, order: { createdAt: 'DESC' } });
      // A version records how many corrections it learnt from; more stored since → something new to learn.
      const total = await this.ds.getRepository(ClassificationCorrection).countBy({ companyId: company.id });
      const fresh = total - (latest?.corrections ?? 0);
      if (fresh <= 0) continue;
      const system: AuthUser = {
        id: 'system',
        kind: 'staff',
        role: 'hq',
        name: '夜间重训',
        companyId: company.id,
        projectId: null,
        departmentId: null,
      };
      const versions = await this.classifier.retrain(system);
      this.log.log(
        `company ${company.id}: retrained on ${fresh} new correction(s); live: ${versions.find((v) => v.active)?.id ?? 'shipped'}`,
      );
      n++;
    }
    return n;
  }
}
