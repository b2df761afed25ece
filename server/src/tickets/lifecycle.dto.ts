import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ESCALATION_TARGETS,
  NO_VISIT_REASONS,
  REPAIR_CLASSES,
  TICKET_ACTIONS,
  TICKET_MAX_PHOTOS,
} from '@wuye/shared';
import type { EscalationTarget, NoVisitReason, RepairClass, TicketAction } from '@wuye/shared';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ToInt } from '../common/validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CauseDto {
  @IsString({ message: '请选择原因因素' }) @MaxLength(20) factor: string;
  @IsString({ message: '请选择原因细项' }) @MaxLength(20) sub: string;
}

/** One move on a ticket. Which fields are needed depends on the action (the shared transition table). */
export class TicketActionDto {
  @ApiProperty({ enum: TICKET_ACTIONS })
  @IsIn(TICKET_ACTIONS, { message: '未知的操作' })
  action: TicketAction;

  @ApiProperty({ description: 'The version the actor saw; a stale one gets 409 with the current ticket' })
  @ToInt()
  @IsInt({ message: '缺少工单版本号，请刷新后重试' })
  @Min(1)
  version: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000, { message: '说明不能超过 2000 字' })
  note?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500, { message: '原因不能超过 500 字' })
  reason?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(TICKET_MAX_PHOTOS, { message: `最多上传 ${TICKET_MAX_PHOTOS} 张照片` })
  @IsUUID('all', { each: true, message: '照片编号格式不正确' })
  photoIds?: string[];

  @ApiPropertyOptional({ type: CauseDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CauseDto)
  cause?: CauseDto;

  @ApiPropertyOptional({ description: 'Deferral: YYYY-MM-DD or ISO time' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  expectedDate?: string;

  @ApiPropertyOptional({
    enum: REPAIR_CLASSES,
    description: 'Repairs, at dispatch (assign): the class 报修分级 that sets the time limits',
  })
  @IsOptional()
  @IsIn(REPAIR_CLASSES, { message: '维修分级应为小事急事（small）、一般（general）或重大（major）' })
  repairClass?: RepairClass;

  @ApiPropertyOptional({
    description: 'Major repairs, at dispatch: the fix date (YYYY-MM-DD), 7–15 working days out',
  })
  @IsOptional()
  @IsISO8601({}, { message: '约定完成日期格式不正确，应为 2026-12-20 这样的日期' })
  fixBy?: string;

  @ApiPropertyOptional({ description: 'Agreed reply time (ISO)' })
  @IsOptional()
  @IsISO8601({}, { message: '约定答复时间格式不正确' })
  replyBy?: string;

  @ApiPropertyOptional({ description: 'Department code (cs, eng, sec, env, qa)' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  departmentCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: '处理人编号格式不正确' })
  assigneeId?: string;

  @ApiPropertyOptional({ enum: ESCALATION_TARGETS })
  @IsOptional()
  @IsIn(ESCALATION_TARGETS, { message: '上移对象只能是客服主管、项目经理或集团总部' })
  escalateTo?: EscalationTarget;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: '满意确认格式不正确' })
  satisfied?: boolean;

  @ApiPropertyOptional({ enum: NO_VISIT_REASONS })
  @IsOptional()
  @IsIn(NO_VISIT_REASONS, { message: '无需回访的原因不正确' })
  noVisitReason?: NoVisitReason;
}
