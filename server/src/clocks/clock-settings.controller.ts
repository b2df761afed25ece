import { BadRequestException, Body, Controller, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsArray, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { AuthUser, CurrentUser } from '../common/auth-user';
import { UUID } from '../common/pipes';
import { Clock } from '../common/clock';
import { ClockSettingsService } from './clock-settings.service';
import { ApiOkResponse } from '@nestjs/swagger';
import { CalendarCoverage, ClockSettings, CompanyCalendar, OfficialYearImport } from './responses';
import { ClocksService } from './clocks.service';

class ClockSettingsDto {
  @IsOptional() @IsObject({ message: '时限规则格式不正确' }) deadlineRules?: Record<string, unknown>;
  @IsOptional() @IsObject({ message: '工作时间格式不正确' }) workingHours?: Record<string, unknown>;
  @IsOptional() @IsObject({ message: '升级规则格式不正确' }) escalation?: Record<string, unknown>;
}

class CalendarDto {
  @IsOptional() @IsArray({ message: '公司休息日应为日期列表' }) extraHolidays?: string[];
  @IsOptional() @IsArray({ message: '公司工作日应为日期列表' }) extraWorkdays?: string[];
}

class OfficialYearDto {
  /** One day a line: date, 休 or 班, the holiday's name (tabs, commas or spaces between). */
  @IsString({ message: '请粘贴放假安排表格' }) @MaxLength(20000, { message: '表格太长' }) table: string;
  @IsOptional()
  @IsString({ message: '通知标题应为文字' })
  @MaxLength(200, { message: '通知标题太长' })
  notice?: string;
  @IsOptional()
  @IsString({ message: '发布日期应为文字' })
  @MaxLength(20, { message: '发布日期太长' })
  published?: string;
}

@ApiTags('clocks')
@ApiBearerAuth()
@Controller()
export class ClockSettingsController {
  constructor(
    private readonly settings: ClockSettingsService,
    private readonly clocks: ClocksService,
    private readonly clock: Clock,
  ) {}

  /** The project's deadline rules, working hours and escalation steps: its own, the effective ones, the defaults. */
  @Get('projects/:id/clock-settings')
  @ApiOkResponse({ type: ClockSettings })
  get(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.settings.get(user, id);
  }

  @Put('projects/:id/clock-settings')
  @ApiOkResponse({ type: ClockSettings })
  put(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string, @Body() dto: ClockSettingsDto) {
    return this.settings.update(user, id, dto as never);
  }

  /** The company's days off and working days, and open tickets' deadlines computed again on them. */
  @Put('company/calendar')
  @ApiOkResponse({ type: CompanyCalendar })
  async calendar(@CurrentUser() user: AuthUser, @Body() dto: CalendarDto) {
    const saved = await this.settings.updateCalendar(user, dto as never);
    const recomputed = await this.clocks.recomputeCompany(user.companyId!);
    return { ...saved, recomputed };
  }

  /** How far the company's working-day calendar reaches; the years HQ imported (staff of the company). */
  @Get('company/calendar')
  @ApiOkResponse({ type: CalendarCoverage })
  coverage(@CurrentUser() user: AuthUser) {
    return this.settings.coverage(user, this.clock.now());
  }

  /** HQ imports a year's official holiday schedule; open tickets' deadlines are computed again. */
  @Put('company/calendar/years/:year')
  @ApiOkResponse({ type: OfficialYearImport })
  async importYear(
    @CurrentUser() user: AuthUser,
    @Param(
      'year',
      new ParseIntPipe({ exceptionFactory: () => new BadRequestException('年份应为数字，例如 2027') }),
    )
    year: number,
    @Body() dto: OfficialYearDto,
  ) {
    const saved = await this.settings.importYear(user, year, dto);
    const recomputed = await this.clocks.recomputeCompany(user.companyId!);
    return { ...saved, recomputed };
  }
}
