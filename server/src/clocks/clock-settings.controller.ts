import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsArray, IsObject, IsOptional } from 'class-validator';
import { AuthUser, CurrentUser } from '../common/auth-user';
import { UUID } from '../common/pipes';
import { ClockSettingsService } from './clock-settings.service';
import { ApiOkResponse } from '@nestjs/swagger';
import { ClockSettings, CompanyCalendar } from './responses';

class ClockSettingsDto {
  @IsOptional() @IsObject({ message: '时限规则格式不正确' }) deadlineRules?: Record<string, unknown>;
  @IsOptional() @IsObject({ message: '工作时间格式不正确' }) workingHours?: Record<string, unknown>;
  @IsOptional() @IsObject({ message: '升级规则格式不正确' }) escalation?: Record<string, unknown>;
}

class CalendarDto {
  @IsOptional() @IsArray({ message: '公司休息日应为日期列表' }) extraHolidays?: string[];
  @IsOptional() @IsArray({ message: '公司工作日应为日期列表' }) extraWorkdays?: string[];
}

@ApiTags('clocks')
@ApiBearerAuth()
@Controller()
export class ClockSettingsController {
  constructor(private readonly settings: ClockSettingsService) {}

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

  @Put('company/calendar')
  @ApiOkResponse({ type: CompanyCalendar })
  calendar(@CurrentUser() user: AuthUser, @Body() dto: CalendarDto) {
    return this.settings.updateCalendar(user, dto as never);
  }
}
