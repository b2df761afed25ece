import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  COMPANY_BETTER_MAX,
  COMPANY_PHRASE_MAX,
  COMPANY_PHRASE_MIN,
  COMPANY_PHRASES_MAX,
} from '@wuye/shared';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { AuthUser, CurrentUser } from '../common/auth-user';
import { UUID } from '../common/pipes';
import { MonthQuery } from '../reports/dto';
import { PhrasesService } from './phrases.service';
import { NoticePublicationService, PrivacyService } from './privacy.service';
import {
  CallbackPhone,
  DutyPhone,
  ForbiddenPhraseList,
  NoticeApproval,
  NoticeApproved,
  PrivacyAccessEntry,
  PublishedNotice,
} from './responses';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

class PhraseDto {
  @Transform(trim)
  @IsString({ message: '请填写禁语' })
  @Length(COMPANY_PHRASE_MIN, COMPANY_PHRASE_MAX, {
    message: `禁语需 ${COMPANY_PHRASE_MIN}–${COMPANY_PHRASE_MAX} 个字`,
  })
  phrase: string;

  @Transform(trim)
  @IsString({ message: '请填写建议说法' })
  @Length(1, COMPANY_BETTER_MAX, { message: `建议说法需 1–${COMPANY_BETTER_MAX} 个字` })
  better: string;
}

class PhrasesDto {
  @IsArray({ message: '服务禁语应为列表' })
  @ArrayMinSize(1, { message: '服务禁语至少保留一条' })
  @ArrayMaxSize(COMPANY_PHRASES_MAX, { message: `服务禁语最多 ${COMPANY_PHRASES_MAX} 条` })
  @ValidateNested({ each: true })
  @Type(() => PhraseDto)
  items: PhraseDto[];
}

class DutyPhoneDto {
  @IsOptional()
  @Transform(trim)
  @Matches(/^[0-9+\- ]{3,20}$/, { message: '值班电话格式不正确' })
  dutyPhone?: string | null;
}

class MonthOnlyQuery {
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM，例如 2026-11' })
  month?: string;
}

@ApiTags('privacy')
@ApiBearerAuth()
@Controller()
export class PrivacyController {
  constructor(
    private readonly phrases: PhrasesService,
    private readonly privacy: PrivacyService,
    private readonly notices: NoticePublicationService,
  ) {}

  /** The company's list of phrases staff must not say, each with the better wording. */
  @Get('forbidden-phrases')
  @ApiOkResponse({ type: ForbiddenPhraseList })
  list(@CurrentUser() user: AuthUser) {
    return this.phrases.listFor(user);
  }

  /** Replaces the company's list (HQ, project manager, lead); bounded in size and lengths. */
  @Put('forbidden-phrases')
  @ApiOkResponse({ type: ForbiddenPhraseList })
  replace(@CurrentUser() user: AuthUser, @Body() dto: PhrasesDto) {
    return this.phrases.replace(user, dto.items);
  }

  /** An anonymous resident's call-back number: the customer-service lead only, and the view is logged. */
  @Get('tickets/:id/callback-phone')
  @ApiOkResponse({ type: CallbackPhone })
  callbackPhone(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.privacy.callbackPhone(user, id);
  }

  /** Who looked at this ticket's personal data. */
  @Get('tickets/:id/access-log')
  @ApiOkResponse({ type: [PrivacyAccessEntry] })
  accessLog(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.privacy.accessLog(user, id);
  }

  /** The project's 24-hour duty phone (the file page offers it when a text reads as an emergency). */
  @Get('duty-phone')
  @ApiOkResponse({ type: DutyPhone })
  dutyPhone(@CurrentUser() user: AuthUser) {
    return this.privacy.dutyPhone(user);
  }

  @Put('projects/:id/duty-phone')
  @ApiOkResponse({ type: DutyPhone })
  setDutyPhone(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string, @Body() dto: DutyPhoneDto) {
    return this.privacy.setDutyPhone(user, id, dto.dutyPhone || null);
  }

  /** Whether the month's notice is approved (report readers). */
  @Get('reports/notice/approval')
  @ApiOkResponse({ type: NoticeApproval })
  noticeStatus(@CurrentUser() user: AuthUser, @Query() q: MonthQuery) {
    return this.notices.status(user, q);
  }

  /** The project manager approves the previewed notice: that text is what is published. */
  @Post('reports/notice/approval')
  @HttpCode(200)
  @ApiOkResponse({ type: NoticeApproved })
  approve(@CurrentUser() user: AuthUser, @Body() q: MonthQuery) {
    return this.notices.approve(user, q);
  }

  /** The published (approved) notice of the user's compound. */
  @Get('notice')
  @ApiOkResponse({ type: PublishedNotice })
  published(@CurrentUser() user: AuthUser, @Query() q: MonthOnlyQuery) {
    return this.notices.published(user, q.month);
  }
}
