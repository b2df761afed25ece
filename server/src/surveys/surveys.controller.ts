import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser, Public } from '../common/auth-user';
import { UUID } from '../common/pipes';
import { DataSource } from 'typeorm';
import { surveyAccess } from './access';
import { CampaignsService } from './campaigns.service';
import {
  AnswersDto,
  CreateCampaignDto,
  QuestionnaireDto,
  StartCampaignDto,
  SubmitAnswersDto,
  UpdateCampaignDto,
} from './dto';
import { SurveyExportService } from './export.service';
import { QuestionnairesService } from './questionnaires.service';
import { SurveyResponsesService } from './responses.service';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import {
  CampaignDetail,
  CampaignPage,
  ExportLink,
  PendingSurvey,
  QuestionnaireDefinition,
  QuestionnaireDetail,
  QuestionnaireListItem,
  SubmitResult,
  SurveyAccessInfo,
  SurveyDraftSaved,
  SurveyForm,
  SurveyResults,
} from './responses';
import { ApiFileResponse, XLSX_MIME } from '../common/api-responses';

/**
 * Satisfaction surveys 满意度调查. Staff side (quality department / HQ manage, project manager and
 * customer-service lead read): questionnaires, campaigns, results, export. Resident side: the
 * surveys waiting for me, the form, draft and submit.
 */
@ApiTags('surveys')
@ApiBearerAuth()
@Controller('surveys')
export class SurveysController {
  constructor(
    private readonly questionnaires: QuestionnairesService,
    private readonly campaigns: CampaignsService,
    private readonly responses: SurveyResponsesService,
    private readonly exports: SurveyExportService,
    private readonly ds: DataSource,
  ) {}

  /** What the signed-in person may do here: admin, viewer or null (for showing the entry). */
  @Get('access')
  @ApiOkResponse({ type: SurveyAccessInfo })
  async access(@CurrentUser() user: AuthUser) {
    return { access: await surveyAccess(this.ds, user) };
  }

  // ------------------------------------------------------------ questionnaires 问卷

  /** The default 物业服务满意度调查问卷, to start a new one from. */
  @Get('template')
  @ApiOkResponse({ type: QuestionnaireDefinition })
  template() {
    return this.questionnaires.template();
  }

  @Get('questionnaires')
  @ApiOkResponse({ type: [QuestionnaireListItem] })
  listQuestionnaires(@CurrentUser() user: AuthUser) {
    return this.questionnaires.list(user);
  }

  @Post('questionnaires')
  @ApiCreatedResponse({ type: QuestionnaireDetail })
  createQuestionnaire(@CurrentUser() user: AuthUser, @Body() dto: QuestionnaireDto) {
    return this.questionnaires.create(user, dto);
  }

  /** A new questionnaire copied from the default template. */
  @Post('questionnaires/from-template')
  @ApiCreatedResponse({ type: QuestionnaireDetail })
  createFromTemplate(@CurrentUser() user: AuthUser) {
    return this.questionnaires.create(user, null);
  }

  @Get('questionnaires/:id')
  @ApiOkResponse({ type: QuestionnaireDetail })
  getQuestionnaire(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.questionnaires.get(user, id);
  }

  /** 409 once a campaign has used (frozen) this version. */
  @Put('questionnaires/:id')
  @ApiOkResponse({ type: QuestionnaireDetail })
  updateQuestionnaire(
    @CurrentUser() user: AuthUser,
    @Param('id', UUID) id: string,
    @Body() dto: QuestionnaireDto,
  ) {
    return this.questionnaires.update(user, id, dto);
  }

  /** A new editable version (a copy) of a questionnaire, e.g. of a frozen one. */
  @Post('questionnaires/:id/versions')
  @ApiCreatedResponse({ type: QuestionnaireDetail })
  newVersion(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.questionnaires.newVersion(user, id, null);
  }

  // ------------------------------------------------------------ campaigns 调查

  @Get('campaigns')
  @ApiOkResponse({ type: CampaignPage })
  listCampaigns(@CurrentUser() user: AuthUser) {
    return this.campaigns.list(user);
  }

  @Post('campaigns')
  @ApiCreatedResponse({ type: CampaignDetail })
  createCampaign(@CurrentUser() user: AuthUser, @Body() dto: CreateCampaignDto) {
    return this.campaigns.create(user, dto);
  }

  @Get('campaigns/:id')
  @ApiOkResponse({ type: CampaignDetail })
  getCampaign(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.campaigns.get(user, id);
  }

  /** Settings before the start only: 409 afterwards, 403 for the service centre. */
  @Patch('campaigns/:id')
  @ApiOkResponse({ type: CampaignDetail })
  updateCampaign(
    @CurrentUser() user: AuthUser,
    @Param('id', UUID) id: string,
    @Body() dto: UpdateCampaignDto,
  ) {
    return this.campaigns.update(user, id, dto);
  }

  /** Draws and fixes the sample. */
  @Post('campaigns/:id/start')
  @HttpCode(200)
  @ApiOkResponse({ type: CampaignDetail })
  start(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string, @Body() dto: StartCampaignDto) {
    return this.campaigns.start(user, id, dto);
  }

  @Post('campaigns/:id/close')
  @HttpCode(200)
  @ApiOkResponse({ type: CampaignDetail })
  close(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.campaigns.close(user, id);
  }

  @Get('campaigns/:id/results')
  @ApiOkResponse({ type: SurveyResults })
  results(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.campaigns.results(user, id);
  }

  /** A signed, short-lived download link for the Excel file. */
  @Post('campaigns/:id/export')
  @HttpCode(200)
  @ApiOkResponse({ type: ExportLink })
  exportLink(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.exports.link(user, id);
  }

  @Public()
  @Get('exports/:id')
  @ApiFileResponse(XLSX_MIME, 'the campaign results as a spreadsheet, by a signed link')
  async download(
    @Param('id', UUID) id: string,
    @Query('u') u: string,
    @Query('exp') exp: string,
    @Query('sig') sig: string,
    @Res() res: Response,
  ) {
    const file = await this.exports.download(id, u, exp, sig);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="survey-results.xlsx"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    );
    res.setHeader('Cache-Control', 'no-store');
    res.send(file.buffer);
  }

  // ------------------------------------------------------------ residents 住户填写

  /** Surveys waiting for the signed-in resident's households (for the 我的 page). */
  @Get('mine')
  @ApiOkResponse({ type: [PendingSurvey] })
  mine(@CurrentUser() user: AuthUser) {
    return this.responses.pending(user);
  }

  @Get('campaigns/:id/households/:householdId/form')
  @ApiOkResponse({ type: SurveyForm })
  form(
    @CurrentUser() user: AuthUser,
    @Param('id', UUID) id: string,
    @Param('householdId', UUID) householdId: string,
  ) {
    return this.responses.form(user, id, householdId);
  }

  @Put('campaigns/:id/households/:householdId/draft')
  @ApiOkResponse({ type: SurveyDraftSaved })
  saveDraft(
    @CurrentUser() user: AuthUser,
    @Param('id', UUID) id: string,
    @Param('householdId', UUID) householdId: string,
    @Body() dto: AnswersDto,
  ) {
    return this.responses.saveDraft(user, id, householdId, dto.answers);
  }

  /** 201 when submitted now; 200 with the same result when this key was submitted before. */
  @Post('campaigns/:id/households/:householdId/submit')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: SubmitResult })
  async submit(
    @CurrentUser() user: AuthUser,
    @Param('id', UUID) id: string,
    @Param('householdId', UUID) householdId: string,
    @Body() dto: SubmitAnswersDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { response, created } = await this.responses.submit(
      user,
      id,
      householdId,
      dto.answers,
      dto.idempotencyKey,
      key,
    );
    res.status(created ? 201 : 200);
    return response;
  }
}
