import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { STAFF_ROLES } from '@wuye/shared';

/** Documents a 200 whose body is a file (a photo, a spreadsheet, a zip) rather than JSON. */
export function ApiFileResponse(mime: string, description: string) {
  return applyDecorators(
    ApiProduces(mime),
    ApiOkResponse({ description, content: { [mime]: { schema: { type: 'string', format: 'binary' } } } }),
  );
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Every role a user can have, for response schemas: the staff roles and the resident. */
export const ROLES = [...STAFF_ROLES, 'resident'] as const;
