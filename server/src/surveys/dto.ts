import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QUESTIONNAIRE_LIMITS as L, SURVEY_SCALES, type SurveyScale } from '@wuye/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class DriverDto {
  @IsString({ message: '驱动因素编码格式不正确' }) @MaxLength(30) code: string;
  @IsString({ message: '请填写驱动因素名称' })
  @MaxLength(50, { message: '驱动因素名称不能超过 50 字' })
  name: string;
  @IsInt({ message: '权重应为整数' }) weight: number;
}

export class QuestionDto {
  @IsString({ message: '题目编号格式不正确' })
  @MaxLength(40, { message: '题目编号不能超过 40 个字符' })
  key: string;
  @IsIn(['scale', 'open'], { message: '题目类型只能是评分题或开放题' }) kind: 'scale' | 'open';
  @IsString({ message: '请填写题目内容' })
  @MaxLength(L.textMax, { message: `题目不能超过 ${L.textMax} 字` })
  text: string;
  @IsOptional() @IsIn(SURVEY_SCALES, { message: '评分只能是五级、七级或十级' }) scale?: SurveyScale;
  @IsOptional() @IsString({ message: '驱动因素格式不正确' }) @MaxLength(30) driver?: string;
}

export class SectionDto {
  @IsString({ message: '请填写部分标题' })
  @MaxLength(100, { message: '部分标题不能超过 100 字' })
  title: string;
  @IsArray({ message: '题目列表格式不正确' })
  @ArrayMaxSize(L.questionsMax, { message: `题目不能超过 ${L.questionsMax} 道` })
  @ValidateNested({ each: true })
  @Type(() => QuestionDto)
  questions: QuestionDto[];
}

/** A whole questionnaire definition; its rules are checked by validateQuestionnaire() in @wuye/shared. */
export class QuestionnaireDto {
  @IsString({ message: '请填写问卷标题' })
  @MaxLength(L.titleMax, { message: `问卷标题不能超过 ${L.titleMax} 字` })
  title: string;
  @IsString({ message: '前言格式不正确' })
  @MaxLength(L.introMax, { message: `前言不能超过 ${L.introMax} 字` })
  intro: string;
  @IsString({ message: '结束语格式不正确' })
  @MaxLength(L.introMax, { message: `结束语不能超过 ${L.introMax} 字` })
  closing: string;
  @IsArray({ message: '驱动因素格式不正确' })
  @ArrayMaxSize(L.driversMax, { message: `驱动因素不能超过 ${L.driversMax} 个` })
  @ValidateNested({ each: true })
  @Type(() => DriverDto)
  drivers: DriverDto[];
  @IsArray({ message: '部分列表格式不正确' })
  @ArrayMaxSize(L.sectionsMax, { message: `部分不能超过 ${L.sectionsMax} 个` })
  @ValidateNested({ each: true })
  @Type(() => SectionDto)
  sections: SectionDto[];
}

export class CreateCampaignDto {
  @ApiProperty() @IsUUID('all', { message: '问卷编号格式不正确' }) questionnaireId: string;
  @ApiProperty()
  @IsString({ message: '请填写调查名称' })
  @MaxLength(100, { message: '调查名称不能超过 100 字' })
  title: string;
  @ApiPropertyOptional({ description: 'HQ picks the project; a quality officer surveys their own' })
  @IsOptional()
  @IsUUID('all', { message: '小区编号格式不正确' })
  projectId?: string;
  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @IsInt({ message: '抽样比例应为整数百分比' })
  @Min(20, { message: '抽样比例不能低于 20%' })
  @Max(100, { message: '抽样比例不能超过 100%' })
  samplePercent?: number;
  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @IsInt({ message: '最少样本量应为整数' })
  @Min(20, { message: '最少样本量不能低于 20 户' })
  @Max(100000)
  minSample?: number;
  @ApiPropertyOptional({
    default: 80,
    description: 'Valid when at least this percent of closed questions are answered',
  })
  @IsOptional()
  @IsInt({ message: '有效问卷的答题比例应为整数百分比' })
  @Min(50, { message: '有效问卷的答题比例不能低于 50%' })
  @Max(100, { message: '有效问卷的答题比例不能超过 100%' })
  minAnsweredPercent?: number;
}

export class UpdateCampaignDto {
  @IsOptional() @IsUUID('all', { message: '问卷编号格式不正确' }) questionnaireId?: string;
  @IsOptional() @IsString() @MaxLength(100, { message: '调查名称不能超过 100 字' }) title?: string;
  @IsOptional() @IsInt() @Min(20, { message: '抽样比例不能低于 20%' }) @Max(100) samplePercent?: number;
  @IsOptional() @IsInt() @Min(20, { message: '最少样本量不能低于 20 户' }) @Max(100000) minSample?: number;
  @IsOptional()
  @IsInt()
  @Min(50, { message: '有效问卷的答题比例不能低于 50%' })
  @Max(100)
  minAnsweredPercent?: number;
}

export class StartCampaignDto {
  @ApiPropertyOptional({ description: 'Random seed of the draw; a random one when absent' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_\-:.]{1,64}$/, { message: '随机种子只能用字母、数字和 _-:.，最长 64 位' })
  seed?: string;
}

export class AnswerDto {
  @IsUUID('all', { message: '题目编号格式不正确' }) questionId: string;
  @IsOptional() @IsInt({ message: '评分应为整数' }) @Min(1) @Max(10) point?: number | null;
  @IsOptional()
  @IsString({ message: '意见格式不正确' })
  @MaxLength(L.openAnswerMax, { message: `每条意见不能超过 ${L.openAnswerMax} 字` })
  text?: string | null;
}

export class AnswersDto {
  @IsArray({ message: '答案格式不正确' })
  @ArrayMaxSize(L.questionsMax, { message: '答案过多' })
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers: AnswerDto[];
}

export class SubmitAnswersDto extends AnswersDto {
  @ApiPropertyOptional({ description: 'Client key; the Idempotency-Key header works too' })
  @IsOptional()
  @IsString()
  idempotencyKey?: string;
}
