import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiProperty } from '@nestjs/swagger';
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

/** A household as answers name it: its id and its label, e.g. 1栋1单元101. */
export class HouseholdLabel {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  label: string;
}

/** A photo as answers name it: its id and a signed link to it. */
export class PhotoRef {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  url: string;
}

/** Something named: a person, a project. */
export class NamedRef {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  name: string;
}
