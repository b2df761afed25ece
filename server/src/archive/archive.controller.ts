import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser, Public } from '../common/auth-user';
import { UUID } from '../common/pipes';
import { ArchiveService } from './archive.service';
import { ArchiveQuery } from './dto';
import { ApiOkResponse } from '@nestjs/swagger';
import { FileLink } from '../reports/responses';
import { ApiFileResponse } from '../common/api-responses';

/**
 * A project's complete ticket archive 工单档案 as a ZIP (tickets.jsonl with every ticket's whole history,
 * tickets.xlsx index, attachments/, manifest.json with sha256 of each file), streamed. For the project
 * manager (their project) and group HQ (any project of the company).
 */
@ApiTags('archive')
@ApiBearerAuth()
@Controller()
export class ArchiveController {
  constructor(private readonly archive: ArchiveService) {}

  @Get('projects/:id/archive')
  @ApiFileResponse('application/zip', "the project's ticket archive")
  async download(
    @CurrentUser() user: AuthUser,
    @Param('id', UUID) id: string,
    @Query() q: ArchiveQuery,
    @Res() res: Response,
  ) {
    const req = await this.archive.prepare(user, id, q);
    await this.archive.send(req, res);
  }

  /** A signed link valid 10 minutes, for downloads that cannot send the Authorization header. */
  @Post('projects/:id/archive/link')
  @HttpCode(200)
  @ApiOkResponse({ type: FileLink })
  link(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string, @Query() q: ArchiveQuery) {
    return this.archive.link(user, id, q);
  }

  @Public()
  @Get('archive/download')
  @ApiFileResponse('application/zip', "the project's ticket archive, by a signed link")
  async byLink(@Query('token') token: string, @Res() res: Response) {
    const req = await this.archive.fromLink(token);
    await this.archive.send(req, res);
  }
}
