import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { AuthUser, CurrentUser } from '../common/auth-user';
import { UUID as uuid } from '../common/pipes';
import { RateLimited } from '../common/rate-limit';
import { OrgService } from './org.service';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import {
  Binding,
  HouseholdCode,
  HouseholdProfile,
  OrgTree,
  PendingBinding,
  ProjectRef,
  User,
} from './responses';

class BindingDto {
  @IsOptional() @IsString() @Length(6, 12, { message: '绑定码为 8 位字母或数字' }) code?: string;
  @IsOptional() @IsString() @MaxLength(36) householdId?: string;
  @IsOptional() @IsIn(['owner', 'tenant', 'family'], { message: '身份只能是业主、租户或家属' }) relation?:
    'owner' | 'tenant' | 'family';
  @IsOptional() @IsString() @Length(1, 50, { message: '姓名长度为 1–50 个字' }) name?: string;
  @IsOptional() @Matches(/^1\d{10}$/, { message: '请填写 11 位手机号' }) phone?: string;
}

class ProfileDto {
  @IsOptional() @IsArray() @ArrayMaxSize(12) @IsString({ each: true }) keyCustomerReasons?: string[];
  @IsOptional() @IsString() @MaxLength(500, { message: '特殊需求不能超过 500 字' }) specialNeeds?:
    string | null;
  @IsOptional() @IsISO8601({ strict: true }, { message: '入住日期格式应为 YYYY-MM-DD' }) moveInDate?:
    string | null;
}

class DecisionDto {
  @IsOptional() @IsString() @MaxLength(200, { message: '备注不能超过 200 字' }) note?: string;
}

@ApiTags('org')
@ApiBearerAuth()
@Controller()
export class OrgController {
  constructor(private readonly org: OrgService) {}

  @Get('me')
  @ApiOkResponse({ type: User })
  me(@CurrentUser() user: AuthUser) {
    return this.org.me(user);
  }

  @Get('org/projects')
  @ApiOkResponse({ type: [ProjectRef] })
  projects(@CurrentUser() user: AuthUser) {
    return this.org.projects(user);
  }

  @Get('org/projects/:projectId/tree')
  @ApiOkResponse({ type: OrgTree })
  tree(@Param('projectId', uuid) projectId: string) {
    return this.org.tree(projectId);
  }

  @Post('bindings')
  @ApiCreatedResponse({ type: Binding })
  @RateLimited('binding')
  bind(@CurrentUser() user: AuthUser, @Body() dto: BindingDto) {
    return this.org.requestBinding(user, dto);
  }

  @Get('bindings/mine')
  @ApiOkResponse({ type: [Binding] })
  mine(@CurrentUser() user: AuthUser) {
    return this.org.myBindings(user);
  }

  @Get('bindings/pending')
  @ApiOkResponse({ type: [PendingBinding] })
  pending(@CurrentUser() user: AuthUser) {
    return this.org.pendingBindings(user);
  }

  @Post('bindings/:id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: Binding })
  approve(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: DecisionDto) {
    return this.org.decideBinding(user, id, true, dto.note);
  }

  @Post('bindings/:id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: Binding })
  reject(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: DecisionDto) {
    return this.org.decideBinding(user, id, false, dto.note);
  }

  @Post('households/:id/codes')
  @ApiCreatedResponse({ type: HouseholdCode })
  code(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.org.createHouseholdCode(user, id);
  }

  @Get('households/:id/profile')
  @ApiOkResponse({ type: HouseholdProfile })
  profile(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.org.householdProfile(user, id);
  }

  @Put('households/:id/profile')
  @ApiOkResponse({ type: HouseholdProfile })
  updateProfile(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ProfileDto) {
    return this.org.updateHouseholdProfile(user, id, dto);
  }
}
