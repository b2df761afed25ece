import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { KEY_CUSTOMER_REASONS } from '@wuye/shared';
import { Transform, Type } from 'class-transformer';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
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
  Ledger,
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

class EmergencyContactDto {
  @IsString() @Length(1, 20, { message: '紧急联系人姓名为 1–20 个字' }) name: string;
  @Matches(/^[0-9+\- ]{5,20}$/, { message: '紧急联系人电话格式不正确' }) phone: string;
  @IsOptional() @IsString() @MaxLength(10, { message: '与业主关系不能超过 10 个字' }) relation?: string;
}

class LedgerQuery {
  @IsOptional() @IsIn(KEY_CUSTOMER_REASONS, { message: '没有这个重点客户类型' }) reason?: string;
  /** Only households with special needs written down. */
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  specialNeeds?: boolean;
  @IsOptional() @IsString() @MaxLength(50, { message: '搜索词不能超过 50 个字' }) q?: string;
}

class ProfileDto {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3, { message: '紧急联系人最多 3 位' })
  @ValidateNested({ each: true })
  @Type(() => EmergencyContactDto)
  emergencyContacts?: EmergencyContactDto[];
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

  /** 重点客户 / 特殊需求台账: the project's households with a key-customer reason, special needs or contacts. */
  @Get('households/ledger')
  @ApiOkResponse({ type: Ledger })
  ledger(@CurrentUser() user: AuthUser, @Query() q: LedgerQuery) {
    return this.org.ledger(user, q);
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
