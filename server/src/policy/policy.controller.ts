import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { IsObject, IsOptional, ValidateIf } from 'class-validator';
import { AuthUser, CurrentUser } from '../common/auth-user';
import { UUID } from '../common/pipes';
import { PolicyService } from './policy.service';
import { CompanyPolicyView, ProjectPolicyView } from './responses';

type Section = Record<string, unknown> | null;
/** An object, or null to remove the stored value (the company's or the default applies again). */
const section = (label: string) => (target: object, key: string) => {
  IsOptional()(target, key);
  ValidateIf((_: unknown, v: unknown) => v !== null)(target, key);
  IsObject({ message: `${label}格式不正确` })(target, key);
};

/** Sections of ProjectPolicy (docs/policy.md); each replaces the stored value, `null` removes it. */
class PolicyDto {
  @section('时限规则') deadlines?: Section;
  @section('工作时间') workingHours?: Section;
  @section('提醒与升级规则') escalation?: Section;
  @section('回访规则') visits?: Section;
  @section('办结期限') closing?: Section;
  @section('处理要求') transitions?: Section;
  @section('分派规则') routing?: Section;
  /** The statistical month: the company's alone (a project's is refused with a 400). */
  @section('统计设置') reports?: Section;
}

@ApiTags('policy')
@ApiBearerAuth()
@Controller()
export class PolicyController {
  constructor(private readonly policies: PolicyService) {}

  /** The project's policy: its own settings, its company's, the effective policy and the handbooks' defaults. */
  @Get('projects/:id/policy')
  @ApiOkResponse({ type: ProjectPolicyView })
  get(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.policies.projectView(user, id);
  }

  /** Project manager or HQ: sets sections of the project's policy (e.g. the close window in working days). */
  @Put('projects/:id/policy')
  @ApiOkResponse({ type: ProjectPolicyView })
  put(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string, @Body() dto: PolicyDto) {
    return this.policies.updateProject(user, id, dto as Record<string, unknown>);
  }

  /** HQ: the company's defaults for all its projects. */
  @Get('company/policy')
  @ApiOkResponse({ type: CompanyPolicyView })
  company(@CurrentUser() user: AuthUser) {
    return this.policies.companyView(user);
  }

  @Put('company/policy')
  @ApiOkResponse({ type: CompanyPolicyView })
  putCompany(@CurrentUser() user: AuthUser, @Body() dto: PolicyDto) {
    return this.policies.updateCompany(user, dto as Record<string, unknown>);
  }
}
