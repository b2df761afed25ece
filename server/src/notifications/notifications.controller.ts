import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';
import { AuthUser, CurrentUser } from '../common/auth-user';
import { UUID } from '../common/pipes';
import { NotificationsService, SUBSCRIBE_MOMENTS } from './notifications.service';
import { ApiOkResponse } from '@nestjs/swagger';
import {
  NotificationPage,
  SubscribeTemplates,
  SubscriptionQuotas,
  SubscriptionResult,
  UnreadCount,
} from './responses';

class ListQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) page = 1;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100, { message: '每页最多 100 条' }) pageSize = 20;
}

class TemplatesQuery {
  @IsIn(Object.keys(SUBSCRIBE_MOMENTS), {
    message: `时机只能是 ${Object.keys(SUBSCRIBE_MOMENTS).join('、')}`,
  })
  moment: string;
}

class SubscriptionsDto {
  /** wx.requestSubscribeMessage's result: template id → 'accept' | 'reject' | 'ban' | 'filter'. */
  @IsObject({ message: '订阅结果格式不正确' }) results: Record<string, string>;
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOkResponse({ type: NotificationPage })
  list(@CurrentUser() user: AuthUser, @Query() q: ListQuery) {
    return this.notifications.list(user, q.page, q.pageSize);
  }

  @Get('unread-count')
  @ApiOkResponse({ type: UnreadCount })
  async unread(@CurrentUser() user: AuthUser) {
    return { unread: await this.notifications.unread(user) };
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOkResponse({ type: UnreadCount })
  readAll(@CurrentUser() user: AuthUser) {
    return this.notifications.markRead(user, 'all');
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: UnreadCount })
  read(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.notifications.markRead(user, [id]);
  }

  /** Which templates to ask for at this tap (at most 3). */
  @Get('subscribe-templates')
  @ApiOkResponse({ type: SubscribeTemplates })
  templates(@Query() q: TemplatesQuery) {
    return { templates: this.notifications.templatesFor(q.moment) };
  }

  @Post('subscriptions')
  @HttpCode(200)
  @ApiOkResponse({ type: SubscriptionResult })
  subscriptions(@CurrentUser() user: AuthUser, @Body() dto: SubscriptionsDto) {
    const results = Object.fromEntries(
      Object.entries(dto.results ?? {}).filter(([k, v]) => typeof k === 'string' && typeof v === 'string'),
    );
    return this.notifications.recordSubscriptions(user, results);
  }

  @Get('quotas')
  @ApiOkResponse({ type: SubscriptionQuotas })
  async quotas(@CurrentUser() user: AuthUser) {
    return { quotas: await this.notifications.quotas(user) };
  }
}
