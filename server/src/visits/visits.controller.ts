import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../common/auth-user';
import { UUID } from '../common/pipes';
import {
  ListVisitsQuery,
  RatingDto,
  VisitAttemptDto,
  VisitPreferenceDto,
  VisitRulesDto,
  VisitSettingsDto,
} from './dto';
import { RatingsService } from './ratings.service';
import { VisitPreferencesService } from './visit-preferences.service';
import { VisitRulesService } from './visit-rules.service';
import { VisitSettingsService } from './visit-settings.service';
import { VisitsService } from './visits.service';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import {
  RainTrigger,
  RatingState,
  TicketVisits,
  VisitDetail,
  VisitPage,
  VisitPreference,
  VisitRuleSettings,
} from './responses';

@ApiTags('visits')
@ApiBearerAuth()
@Controller()
export class VisitsController {
  constructor(
    private readonly visits: VisitsService,
    private readonly ratings: RatingsService,
    private readonly visitRules: VisitRulesService,
    private readonly visitSettings: VisitSettingsService,
    private readonly preferences: VisitPreferencesService,
  ) {}

  /** Staff: return visits due, mine (my role's, or my tickets' as handler) or the project's. */
  @Get('visits')
  @ApiOkResponse({ type: VisitPage })
  list(@CurrentUser() user: AuthUser, @Query() q: ListVisitsQuery) {
    return this.visits.list(user, q);
  }

  /** The project's visit rules: its overrides and the rules in force. */
  @Get('visits/rules')
  @ApiOkResponse({ type: VisitRuleSettings })
  rules(@CurrentUser() user: AuthUser) {
    return this.visitRules.projectRules(user);
  }

  @Put('visits/rules')
  @ApiOkResponse({ type: VisitRuleSettings })
  setRules(@CurrentUser() user: AuthUser, @Body() dto: VisitRulesDto) {
    return this.visitRules.setProjectRules(user, dto.overrides);
  }

  /** 下雨了: the after-rain visits of seepage repairs become due within 24 h. */
  @Post('visits/rain')
  @HttpCode(200)
  @ApiOkResponse({ type: RainTrigger })
  rain(@CurrentUser() user: AuthUser) {
    return this.visits.rained(user);
  }

  @Get('visits/:id')
  @ApiOkResponse({ type: VisitDetail })
  get(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.visits.get(user, id);
  }

  /** One try at the visit (phone or home; satisfied, unsatisfied, unreachable, declined). */
  @Post('visits/:id/attempts')
  @ApiCreatedResponse({ type: VisitDetail })
  attempt(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string, @Body() dto: VisitAttemptDto) {
    return this.visits.recordAttempt(user, id, dto);
  }

  /** Whether the ticket can be rated now, what is asked, and the last answer. */
  @Get('tickets/:id/rating')
  @ApiOkResponse({ type: RatingState })
  rating(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.ratings.get(user, id);
  }

  /** The resident's rating: satisfied closes the ticket, unsatisfied reopens it. */
  @Post('tickets/:id/rating')
  @ApiCreatedResponse({ type: RatingState })
  rate(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string, @Body() dto: RatingDto) {
    return this.ratings.rate(user, id, dto);
  }

  /** Staff: the ticket's visits, answers, level and exemption. */
  @Get('tickets/:id/visits')
  @ApiOkResponse({ type: TicketVisits })
  ticketVisits(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.visitSettings.ticketVisits(user, id);
  }

  /** The lead: complaint level, sensitive (no visit), repair type corrections. */
  @Put('tickets/:id/visit-settings')
  @ApiOkResponse({ type: TicketVisits })
  settings(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string, @Body() dto: VisitSettingsDto) {
    return this.visitSettings.updateSettings(user, id, dto);
  }

  @Get('households/:id/visit-preference')
  @ApiOkResponse({ type: VisitPreference })
  preference(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.preferences.preference(user, id);
  }

  /** The household asks not to be visited (or again to be): kept so nobody visits again. */
  @Put('households/:id/visit-preference')
  @ApiOkResponse({ type: VisitPreference })
  setPreference(
    @CurrentUser() user: AuthUser,
    @Param('id', UUID) id: string,
    @Body() dto: VisitPreferenceDto,
  ) {
    return this.preferences.setPreference(user, id, dto);
  }
}
