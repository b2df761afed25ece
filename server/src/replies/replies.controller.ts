import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { AuthUser, CurrentUser } from '../common/auth-user';
import { UUID } from '../common/pipes';
import { RepliesService } from './replies.service';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { OkResult, ReplyCheck, ReplyTemplate, ReplyTemplateRow } from './responses';
import { PhrasesService } from '../privacy/phrases.service';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

class TemplateDto {
  @IsString() @MaxLength(20) category: string;
  @Transform(trim) @IsString() @Length(1, 60, { message: '标题为 1–60 个字' }) title: string;
  @Transform(trim) @IsString() @Length(1, 1000, { message: '内容为 1–1000 个字' }) text: string;
}

class CheckDto {
  @IsString({ message: '请填写回复内容' }) @MaxLength(2000, { message: '回复不能超过 2000 字' }) text: string;
}

class ListQuery {
  @IsOptional() @IsString() @MaxLength(20) category?: string;
}

@ApiTags('replies')
@ApiBearerAuth()
@Controller()
export class RepliesController {
  constructor(
    private readonly replies: RepliesService,
    private readonly phrases: PhrasesService,
  ) {}

  @Get('reply-templates')
  @ApiOkResponse({ type: [ReplyTemplate] })
  list(@CurrentUser() user: AuthUser, @Query() q: ListQuery) {
    return this.replies.list(user, q.category);
  }

  @Post('reply-templates')
  @ApiCreatedResponse({ type: ReplyTemplateRow })
  create(@CurrentUser() user: AuthUser, @Body() dto: TemplateDto) {
    return this.replies.save(user, null, dto);
  }

  @Put('reply-templates/:id')
  @ApiOkResponse({ type: ReplyTemplateRow })
  update(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string, @Body() dto: TemplateDto) {
    return this.replies.save(user, id, dto);
  }

  @Delete('reply-templates/:id')
  @ApiOkResponse({ type: OkResult })
  remove(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.replies.remove(user, id);
  }

  /**
   * Warns about phrases the handbook forbids and offers the better wording (docs/domain-rules.md "Staff
   * language").
   */
  @Post('reply-check')
  @HttpCode(200)
  @ApiOkResponse({ type: ReplyCheck })
  check(@CurrentUser() user: AuthUser, @Body() dto: CheckDto) {
    // The company's own list (GET/PUT /api/forbidden-phrases); a resident's account has none: the seed.
    return this.phrases.check(user.kind === 'staff' ? user.companyId : null, dto.text);
  }
}
