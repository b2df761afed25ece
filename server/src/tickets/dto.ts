import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CHANNELS,
  Channel,
  TICKET_CONTENT_MAX,
  TICKET_CONTENT_MIN,
  TICKET_KINDS,
  TICKET_MAX_PHOTOS,
  TicketKind,
} from '@wuye/shared';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ToInt } from '../common/validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateTicketDto {
  @ApiProperty({ enum: TICKET_KINDS })
  @IsIn(TICKET_KINDS, { message: '请选择反馈类型：投诉、报修、建议、表扬或咨询' })
  kind: TicketKind;

  @ApiProperty({ minLength: TICKET_CONTENT_MIN, maxLength: TICKET_CONTENT_MAX })
  @Transform(trim)
  @IsString({ message: '请填写反馈内容' })
  @Length(TICKET_CONTENT_MIN, TICKET_CONTENT_MAX, {
    message: `反馈内容需 ${TICKET_CONTENT_MIN}–${TICKET_CONTENT_MAX} 个字`,
  })
  content: string;

  @ApiPropertyOptional({ type: [String], maxItems: TICKET_MAX_PHOTOS })
  @IsOptional()
  @IsArray({ message: '照片列表格式不正确' })
  @ArrayMaxSize(TICKET_MAX_PHOTOS, { message: `最多上传 ${TICKET_MAX_PHOTOS} 张照片` })
  @IsUUID('all', { each: true, message: '照片编号格式不正确' })
  photoIds?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: '房屋编号格式不正确' })
  householdId?: string;

  @ApiPropertyOptional({ description: 'Public location (公共区域) when the ticket is not about a household' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: '位置格式不正确' })
  @MaxLength(200, { message: '位置描述不能超过 200 字' })
  location?: string;

  @ApiPropertyOptional({
    description: 'Project, for a public-area ticket of a resident bound in several compounds',
  })
  @IsOptional()
  @IsUUID('all', { message: '小区编号格式不正确' })
  projectId?: string;

  @ApiPropertyOptional({ enum: CHANNELS, default: 'miniapp' })
  @IsOptional()
  @IsIn(CHANNELS, { message: '渠道不正确' })
  channel?: Channel;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean({ message: '匿名开关格式不正确' })
  anonymous?: boolean;

  @ApiPropertyOptional({
    description:
      'An anonymous complaint: a number for a call back, shown only to the customer-service lead (each view logged)',
  })
  @IsOptional()
  @Transform(trim)
  @Matches(/^[0-9+\- ]{5,20}$/, { message: '回电号码格式不正确' })
  callbackPhone?: string;

  @ApiPropertyOptional({ description: "Caller name, when staff register on a resident's behalf" })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(50, { message: '联系人姓名不能超过 50 字' })
  contactName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9+\- ]{5,20}$/, { message: '联系电话格式不正确' })
  contactPhone?: string;

  @ApiPropertyOptional({
    description: 'People behind a collective complaint 集体投诉 (staff registration)',
    default: 1,
  })
  @IsOptional()
  @ToInt()
  @IsInt({ message: '投诉人数必须是整数' })
  @Min(1, { message: '投诉人数至少为 1' })
  @Max(10000)
  peopleCount?: number;

  @ApiPropertyOptional({
    description:
      'Client-generated key; a retry with the same key returns the same ticket. The Idempotency-Key header works too.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_\-:.]{8,64}$/, { message: '请求编号格式不正确（8–64 位字母数字）' })
  idempotencyKey?: string;
}

export class ListTicketsQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '页码必须是整数' })
  @Min(1, { message: '页码从 1 开始' })
  page = 1;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '每页条数必须是整数' })
  @Min(1)
  @Max(50, { message: '每页最多 50 条' })
  pageSize = 20;
}
