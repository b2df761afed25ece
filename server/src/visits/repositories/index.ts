import { RatingsRepository } from './ratings.repository';
import { RepeatComplaintsRepository } from './repeat-complaints.repository';
import { TicketVisitSettingsRepository } from './ticket-visit-settings.repository';
import { VisitTransactions } from './transactions';
import { VisitHouseholdsRepository } from './visit-households.repository';
import { VisitPreferencesRepository } from './visit-preferences.repository';
import { VisitTasksRepository } from './visit-tasks.repository';
import { VisitTicketsRepository } from './visit-tickets.repository';

/** Every repository of return visits, for the module's providers. */
export const VISIT_REPOSITORIES = [
  VisitTransactions,
  VisitPreferencesRepository,
  TicketVisitSettingsRepository,
  VisitTasksRepository,
  RatingsRepository,
  RepeatComplaintsRepository,
  VisitTicketsRepository,
  VisitHouseholdsRepository,
];
