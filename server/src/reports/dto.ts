import { CATEGORY_NAMES, CAUSE_FACTOR_CODES, STATISTICAL_MONTHS, StatisticalMonth } from '@wuye/shared';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { EXPORTABLE_REPORTS, ExportableReport } from './exports.service';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const QUARTER = /^\d{4}-Q[1-4]$/;
const MONTH_MSG = { message: '月份格式应为 YYYY-MM，例如 2026-11' };
const PROJECT_MSG = { message: '项目编号格式不正确' };

/** ?month=2026-11&projectId=… (HQ picks a project or none for the company). */
export class MonthQuery {
  @IsOptional() @Matches(MONTH, MONTH_MSG) month?: string;
  @IsOptional() @IsUUID('all', PROJECT_MSG) projectId?: string;
}

/** The lead confirms a complaint is a major complaint, or clears one, with a reason. */
export class MajorDecisionDto {
  @IsIn(['confirm', 'clear'], { message: '只能确认（confirm）或排除（clear）重大投诉' }) decision:
    'confirm' | 'clear';
  @IsString({ message: '请写明理由' })
  @Length(2, 200, { message: '理由为 2–200 个字' })
  reason: string;
}

/** PUT /reports/settings: how the company cuts its statistical months. */
export class ReportSettingsDto {
  @IsIn(STATISTICAL_MONTHS as unknown as string[], {
    message: '统计月份只能是自然月（calendar）或上月26日至本月25日（day26）',
  })
  statisticalMonth: StatisticalMonth;
}

export class QuarterQuery {
  @IsOptional() @Matches(QUARTER, { message: '季度格式应为 YYYY-Qn，例如 2026-Q4' }) quarter?: string;
  @IsOptional() @IsUUID('all', PROJECT_MSG) projectId?: string;
}

export class ProjectQuery {
  @IsOptional() @IsUUID('all', PROJECT_MSG) projectId?: string;
}

export class CorrectiveActionDto {
  @IsOptional() @IsUUID('all', PROJECT_MSG) projectId?: string;
  @Matches(MONTH, MONTH_MSG) month: string;
  @IsOptional() @IsIn(CATEGORY_NAMES as unknown as string[], { message: '投诉类别不正确' }) category?: string;
  @IsOptional()
  @IsIn(CAUSE_FACTOR_CODES, { message: '原因类别只能是人、机、料、法、环之一' })
  causeFactor?: string;
  @IsOptional() @IsString() @MaxLength(20) causeSub?: string;
  @IsString() @Length(2, 1000, { message: '存在问题为 2–1000 个字' }) problem: string;
  @IsString() @Length(2, 1000, { message: '纠正措施为 2–1000 个字' }) action: string;
  @IsOptional() @IsString() @MaxLength(50, { message: '责任人不能超过 50 个字' }) owner?: string;
  @IsOptional() @IsISO8601({ strict: true }, { message: '完成期限格式应为 YYYY-MM-DD' }) dueDate?: string;
  @IsOptional()
  @IsIn(['planned', 'in_progress', 'done'], { message: '状态只能是计划、实施中或已完成' })
  status?: string;
}

export class UpdateCorrectiveActionDto {
  @IsOptional() @IsString() @Length(2, 1000, { message: '存在问题为 2–1000 个字' }) problem?: string;
  @IsOptional() @IsString() @Length(2, 1000, { message: '纠正措施为 2–1000 个字' }) action?: string;
  @IsOptional() @IsString() @MaxLength(50, { message: '责任人不能超过 50 个字' }) owner?: string;
  @IsOptional() @IsISO8601({ strict: true }, { message: '完成期限格式应为 YYYY-MM-DD' }) dueDate?: string;
  @IsOptional()
  @IsIn(['planned', 'in_progress', 'done'], { message: '状态只能是计划、实施中或已完成' })
  status?: string;
  @IsOptional() @IsString() @MaxLength(1000, { message: '实施结果不能超过 1000 个字' }) result?: string;
}

export class RepresentativeCaseDto {
  @IsOptional() @IsUUID('all', PROJECT_MSG) projectId?: string;
  @Matches(MONTH, MONTH_MSG) month: string;
  @IsOptional() @IsString() @MaxLength(24, { message: '工单编号不正确' }) ticketNumber?: string;
  @IsOptional() @IsUUID('all', { message: '工单编号格式不正确' }) ticketId?: string;
  @IsOptional() @IsString() @MaxLength(1000) keyPoints?: string;
  @IsOptional() @IsString() @MaxLength(1000) cause?: string;
  @IsOptional() @IsString() @MaxLength(1000) handling?: string;
  @IsOptional() @IsString() @MaxLength(1000) lessons?: string;
}

export class SubmissionDto {
  @IsOptional() @IsUUID('all', PROJECT_MSG) projectId?: string;
  @IsIn(['monthly_analysis', 'developer_quarterly'], { message: '报告类型不正确' }) kind: string;
  @Matches(/^\d{4}-((0[1-9]|1[0-2])|Q[1-4])$/, { message: '期间格式应为 YYYY-MM 或 YYYY-Qn' }) period: string;
  @IsOptional() @IsString() @MaxLength(200, { message: '备注不能超过 200 字' }) note?: string;
}

const FIELD = (label: string) => ({ message: `${label}不能超过 2000 字` });

/** The report to the leader (重大: 一个工作日内; 热点: 一周内). Which fields are required depends on the kind. */
export class SpecialReportDto {
  @IsString() @Length(1, 100, { message: '请填写上报对象（1–100 字）' }) reportedTo: string;
  @IsOptional() @IsString() @MaxLength(2000, FIELD('投诉内容')) content?: string;
  @IsOptional() @IsString() @MaxLength(2000, FIELD('产生原因')) cause?: string;
  @IsOptional() @IsString() @MaxLength(2000, FIELD('目前处理情况')) status?: string;
  @IsOptional() @IsString() @MaxLength(2000, FIELD('处理难点')) difficulties?: string;
  @IsOptional() @IsString() @MaxLength(2000, FIELD('需协助事项')) helpNeeded?: string;
}

/** The special report after closing. */
export class FollowUpDto {
  @IsOptional() @IsString() @MaxLength(2000, FIELD('投诉内容')) content?: string;
  @IsOptional() @IsString() @MaxLength(2000, FIELD('产生原因')) cause?: string;
  @IsOptional() @IsString() @MaxLength(2000, FIELD('处理过程')) handling?: string;
  @IsOptional() @IsString() @MaxLength(2000, FIELD('处理结果')) result?: string;
  @IsOptional() @IsString() @MaxLength(2000, FIELD('经验教训')) lessons?: string;
  @IsOptional() @IsString() @MaxLength(2000, FIELD('纠正措施')) corrective?: string;
}

export class ExportDto {
  @IsIn(EXPORTABLE_REPORTS as unknown as string[], { message: '没有这种报表' }) report: ExportableReport;
  @IsOptional() @Matches(MONTH, MONTH_MSG) month?: string;
  @IsOptional() @Matches(QUARTER, { message: '季度格式应为 YYYY-Qn，例如 2026-Q4' }) quarter?: string;
  @IsOptional() @IsUUID('all', PROJECT_MSG) projectId?: string;
}
