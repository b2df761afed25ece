import { Module } from '@nestjs/common';
import { ClassificationModule } from '../classification/classification.module';
import { PolicyModule } from '../policy/policy.module';
import { TicketsModule } from '../tickets/tickets.module';
import { CorrectionService } from './correction.service';
import { DispatchService } from './dispatch.service';
import { RoutingController } from './routing.controller';
import { RoutingService } from './routing.service';

@Module({
  imports: [ClassificationModule, PolicyModule, TicketsModule],
  controllers: [RoutingController],
  providers: [RoutingService, DispatchService, CorrectionService],
  exports: [RoutingService, DispatchService, CorrectionService],
})
export class RoutingModule {}
