import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';

/** Path ids are uuids; anything else is a 400 in plain Chinese, never a database lookup. */
export const UUID = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('编号格式不正确') });
