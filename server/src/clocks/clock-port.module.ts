import { Global, Module } from '@nestjs/common';
import { TicketClockSettings } from '../tickets/ports';
import { ClockSettingsService } from './clock-settings.service';
import { ClocksModule } from './clocks.module';

/**
 * Each project's clock (deadline rules, working hours, calendar), offered to the tickets domain as its
 * TicketClockSettings port without tickets importing clocks, which reads and moves tickets: global, imported
 * once by the app module. TicketsService and LifecycleService find ClockSettingsService by the port's token.
 */
@Global()
@Module({
  imports: [ClocksModule],
  providers: [{ provide: TicketClockSettings, useExisting: ClockSettingsService }],
  exports: [TicketClockSettings],
})
export class ClockPortModule {}
