import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { ClassifierService } from './classifier.service';
import { NightlyRetrain } from './nightly-retrain';

@Module({
  imports: [JobsModule],
  providers: [ClassifierService, NightlyRetrain],
  exports: [ClassifierService, NightlyRetrain],
})
export class ClassificationModule {}
