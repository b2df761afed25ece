import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Public } from '../common/auth-user';
import { AuthService } from './auth.service';

class DevLoginDto {
  @IsString({ message: '请选择演示账号' })
  @IsNotEmpty({ message: '请选择演示账号' })
  @MaxLength(64)
  accountId: string;
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
  devAccounts() {
    return this.auth.devAccounts();
  }

  @Public()
  @Post('dev-login')
  @HttpCode(200)
  devLogin(@Body() dto: DevLoginDto) {
    return this.auth.devLogin(dto.accountId);
  }

  @Public()
  @Post('wechat-login')
  @HttpCode(200)
  wechatLogin(@Body() dto: WechatLoginDto) {
    return this.auth.wechatLogin(dto.code);
  }
}
