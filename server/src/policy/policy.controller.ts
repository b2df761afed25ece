import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsObject, IsOptional, ValidateIf } from 'class-validator';
import { AuthUser, CurrentUser } from '../common/auth-user';
import { UUID } from '../common/pipes';
import { PolicyService } from './policy.service';

const section = (label: string) => IsObject({ message: `${label}格式不正确` });

/** Sections of ProjectPolicy (docs/policy.md); each replaces the stored value, `null` removes it. */
class PolicyDto {
  @IsOptional() @ValidateIf((_, v) => v !== null) @section('时限规则') deadlines?: Record<
    string,
    unknown
  > | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @section('工作时间') workingHours?: Record<
    string,
    unknown
  > | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @section('提醒与升级规则') escalation?: Record<
    string,
    unknown
  > | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @section('回访规则') visits?: Record<
    string,
    unknown
  > | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @section('办结期限') closing?: Record<
    string,
    unknown
  > | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @section('处理要求') transitions?: Record<
    string,
    unknown
  > | null;
}

@ApiTags('policy')
@ApiBearerAuth()
@Controller()
export class PolicyController {
  constructor(private readonly policies: PolicyService) {}

  /** The project's policy: its own settings, its company's, the effective policy and the handbooks' defaults. */
  @Get('projects/:id/policy')
  get(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.policies.projectView(user, id);
  }

  /** Project manager or HQ: sets sections of the project's policy (e.g. the close window in working days). */
  @Put('projects/:id/policy')
  put(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string, @Body() dto: PolicyDto) {
    return this.policies.updateProject(user, id, dto as Record<string, unknown>);
  }

  /** HQ: the company's defaults for all its projects. */
  @Get('company/policy')
  company(@CurrentUser() user: AuthUser) {
    return this.policies.companyView(user);
  }

  @Put('company/policy')
  putCompany(@CurrentUser() user: AuthUser, @Body() dto: PolicyDto) {
    return this.policies.updateCompany(user, dto as Record<string, unknown>);
  }
}
