import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { AuthUser, CurrentUser, Public } from '../common/auth-user';
import { UUID } from '../common/pipes';
import { RateLimited } from '../common/rate-limit';
import { AuthService } from './auth.service';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { DevAccount, LoginResult, StaffInvite } from './responses';

class DevLoginDto {
  @IsString({ message: '请选择演示账号' })
  @IsNotEmpty({ message: '请选择演示账号' })
  @MaxLength(64)
  accountId: string;
}

class ClaimDto {
  @IsString({ message: '请输入员工邀请码' })
  @IsNotEmpty({ message: '请输入员工邀请码' })
  @MaxLength(12)
  code: string;
}

class WechatLoginDto {
  @IsString({ message: '缺少微信登录凭证' })
  @IsNotEmpty({ message: '缺少微信登录凭证' })
  @MaxLength(128)
  code: string;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Get('dev-accounts')
  @ApiOkResponse({ type: [DevAccount] })
  devAccounts() {
    return this.auth.devAccounts();
  }

  @Public()
  @Post('dev-login')
  @HttpCode(200)
  @RateLimited('login', (req) => (typeof req.body?.accountId === 'string' ? req.body.accountId : null))
  @ApiOkResponse({ type: LoginResult })
  devLogin(@Body() dto: DevLoginDto) {
    return this.auth.devLogin(dto.accountId);
  }

  /** Counted per client IP (the WeChat code is new each time; the account is known only after it). */
  @Public()
  @Post('wechat-login')
  @HttpCode(200)
  @RateLimited('login')
  @ApiOkResponse({ type: LoginResult })
  wechatLogin(@Body() dto: WechatLoginDto) {
    return this.auth.wechatLogin(dto.code);
  }

  /** A one-time code linking a staff account to the WeChat account that redeems it. */
  @Post('staff/:id/invite')
  @ApiCreatedResponse({ type: StaffInvite })
  invite(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.auth.inviteStaff(user, id);
  }

  /** Invite codes are short: guessing is limited like a login, per person and per IP. */
  @Post('claim-staff')
  @HttpCode(200)
  @RateLimited('login')
  @ApiOkResponse({ type: LoginResult })
  claim(@CurrentUser() user: AuthUser, @Body() dto: ClaimDto) {
    return this.auth.claimStaff(user, dto.code);
  }
}
