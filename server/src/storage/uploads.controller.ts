import { Controller, Get, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { pipeline } from 'node:stream';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { PHOTO_MAX_BYTES } from '@wuye/shared';
import type { Response } from 'express';
import { AuthUser, CurrentUser, Public } from '../common/auth-user';
import { UUID } from '../common/pipes';
import { RateLimited } from '../common/rate-limit';
import { UploadsService } from './uploads.service';
import { ApiCreatedResponse } from '@nestjs/swagger';
import { ApiFileResponse, PhotoRef } from '../common/api-responses';

@ApiTags('uploads')
@Controller()
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @ApiBearerAuth()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @Post('uploads')
  @RateLimited('upload')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: PHOTO_MAX_BYTES, files: 1 } }))
  @ApiCreatedResponse({ type: PhotoRef })
  upload(@CurrentUser() user: AuthUser, @UploadedFile() file: { buffer: Buffer; size: number } | undefined) {
    return this.uploads.store(user, file);
  }

  @Public()
  @Get('files/:id')
  @ApiFileResponse('image/*', 'the photo, by a signed link (exp, sig) from a ticket or upload answer')
  async file(
    @Param('id', UUID) id: string,
    @Query('exp') exp: string,
    @Query('sig') sig: string,
    @Res() res: Response,
  ) {
    const f = await this.uploads.open(id, exp, sig);
    res.setHeader('Content-Type', f.mime);
    res.setHeader('Content-Length', String(f.size));
    res.setHeader('Cache-Control', 'private, max-age=86400');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // pipeline closes the file when the client goes away, and a read failing midway (disk, network share)
    // ends this answer, never the process.
    pipeline(f.stream, res, () => undefined);
  }
}
