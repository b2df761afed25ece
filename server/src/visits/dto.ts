import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COMPLAINT_LEVELS,
  RATING_COMMENT_MAX,
  RATING_MAX_PHOTOS,
  REPAIR_VISIT_TYPES,
  VISIT_RESULTS,
} from '@wuye/shared';
import type { ComplaintLevel, RepairVisitType, VisitResult } from '@wuye/shared';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ToInt } from '../common/validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ListVisitsQuery {
  @ApiPropertyOptional({ enum: ['mine', 'project'] })
  @IsOptional()
  @IsIn(['mine', 'project'], { message: '范围只能是 mine 或 project' })
  scope: 'mine' | 'project' = 'mine';

  @ApiPropertyOptional({ enum: ['overdue', 'today', 'all'] })
  @IsOptional()
  @IsIn(['overdue', 'today', 'all'], { message: '期限只能是 overdue、today 或 all' })
  due: 'overdue' | 'today' | 'all' = 'all';

  @ApiPropertyOptional({ enum: ['open', 'invited', 'done', 'all'] })
  @IsOptional()
  @IsIn(['open', 'invited', 'done', 'all'], { message: '状态只能是 open、invited、done 或 all' })
  status: 'open' | 'invited' | 'done' | 'all' = 'open';

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) page = 1;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100, { message: '每页最多 100 条' }) pageSize = 30;
}

/** One try at a return visit, by phone or at home. */
export class VisitAttemptDto {
  @ApiProperty({ enum: ['phone', 'home'] })
  @IsIn(['phone', 'home'], { message: '回访方式只能是电话回访或上门回访' })
  method: 'phone' | 'home';

  @ApiProperty({ enum: VISIT_RESULTS })
  @IsIn(VISIT_RESULTS, { message: '请选择回访结果：满意、不满意、未联系上或业主拒绝回访' })
  result: VisitResult;

  @ApiPropertyOptional({ description: 'Question key → score 1–5, as the resident answered' })
  @IsOptional()
  @IsObject({ message: '评分格式不正确' })
  scores?: Record<string, number>;

  @ApiPropertyOptional({ description: '收费是否合理' })
  @IsOptional()
  @IsBoolean({ message: '收费确认格式不正确' })
  chargeCorrect?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(RATING_COMMENT_MAX, { message: `回访记录不能超过 ${RATING_COMMENT_MAX} 字` })
  note?: string;

  @ApiPropertyOptional({ description: 'Home visits: the upload holding the resident’s signature' })
  @IsOptional()
  @IsUUID('all', { message: '签名图片编号格式不正确' })
  signatureUploadId?: string;

  @ApiPropertyOptional({ description: 'Visit again this many days later (必要时多次回访)' })
  @IsOptional()
  @ToInt()
  @IsInt({ message: '再次回访天数应为整数' })
  @Min(1, { message: '再次回访至少隔 1 天' })
  @Max(60, { message: '再次回访最多隔 60 天' })
  followUpDays?: number;
}

/** The resident's own rating of a handled ticket. */
export class RatingDto {
  @ApiProperty({ description: 'Question key → score 1–5' })
  @IsObject({ message: '请为每一项打分' })
  scores: Record<string, number>;

  @ApiProperty()
  @IsBoolean({ message: '请选择您对处理结果是否满意' })
  satisfied: boolean;

  @ApiPropertyOptional({ description: '收费是否合理' })
  @IsOptional()
  @IsBoolean({ message: '收费确认格式不正确' })
  chargeCorrect?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(RATING_COMMENT_MAX, { message: `意见不能超过 ${RATING_COMMENT_MAX} 字` })
  comment?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray({ message: '照片列表格式不正确' })
  @ArrayMaxSize(RATING_MAX_PHOTOS, { message: `最多上传 ${RATING_MAX_PHOTOS} 张照片` })
  @IsUUID('all', { each: true, message: '照片编号格式不正确' })
  photoIds?: string[];

  @ApiPropertyOptional({ description: 'The resident asks not to be visited again' })
  @IsOptional()
  @IsBoolean()
  declineVisits?: boolean;
}

/** The lead's decisions about a ticket's visits. */
export class VisitSettingsDto {
  @ApiPropertyOptional({ enum: COMPLAINT_LEVELS, nullable: true, description: 'null = derive it again' })
  @IsOptional()
  @IsIn([...COMPLAINT_LEVELS, null], { message: '投诉等级只能是一级至四级' })
  complaintLevel?: ComplaintLevel | null;

  @ApiPropertyOptional({ description: '不便回访的敏感投诉' })
  @IsOptional()
  @IsBoolean({ message: '敏感投诉标记格式不正确' })
  sensitive?: boolean;

  @ApiPropertyOptional({ enum: REPAIR_VISIT_TYPES, nullable: true })
  @IsOptional()
  @IsIn([...REPAIR_VISIT_TYPES, null], { message: '维修类别不正确' })
  repairType?: RepairVisitType | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsIn([true, false, null], { message: '是否雨水造成的格式不正确' })
  rainCaused?: boolean | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200, { message: '说明不能超过 200 字' })
  note?: string;
}

export class VisitPreferenceDto {
  @ApiProperty({ description: 'true: the household asked not to be visited' })
  @IsBoolean({ message: '请选择是否接受回访' })
  noVisit: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200, { message: '说明不能超过 200 字' })
  note?: string;
}

export class VisitRulesDto {
  @ApiProperty({ description: 'VisitRuleOverrides of @wuye/shared' })
  @IsObject({ message: '回访规则格式不正确' })
  overrides: Record<string, unknown>;
}
