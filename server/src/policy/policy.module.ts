import { Module } from '@nestjs/common';
import { PolicyController } from './policy.controller';
import { PolicyRepository } from './policy.repository';
import { PolicyService } from './policy.service';
import { VisitRuleSetsRepository } from './visit-rule-sets.repository';

@Module({
  controllers: [PolicyController],
  providers: [PolicyRepository, PolicyService, VisitRuleSetsRepository],
  exports: [PolicyRepository, PolicyService, VisitRuleSetsRepository],
})
export class PolicyModule {}
