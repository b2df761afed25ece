/** What the routing endpoints answer (the OpenAPI document's response schemas; they describe, never shape, the JSON). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CATEGORY_NAMES, CategoryName } from '@wuye/shared';

export class ClassificationPreviewKindSuggestion {
  @ApiProperty({ enum: ['complaint', 'repair', 'suggestion', 'praise', 'inquiry'] })
  kind: 'complaint' | 'repair' | 'suggestion' | 'praise' | 'inquiry';

  @ApiProperty({ type: String })
  label: string;
}

export class ClassificationPreview {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: "With an emergency: the project's 24-hour duty phone (null when none is set).",
  })
  dutyPhone?: string | null;

  @ApiProperty({ enum: ['客服部', '工程部', '秩序部', '环境部', '品质部'] })
  department: '客服部' | '工程部' | '秩序部' | '环境部' | '品质部';

  @ApiProperty({ type: Boolean })
  sure: boolean;

  @ApiProperty({ type: Boolean })
  emergency: boolean;

  @ApiProperty({
    enum: [
      'lift_entrapment',
      'gas',
      'fire_smoke',
      'flooding',
      'live_wire',
      'falling_object',
      'medical',
      'fire_lane',
    ],
    nullable: true,
  })
  emergencyKind:
    | 'lift_entrapment'
    | 'gas'
    | 'fire_smoke'
    | 'flooding'
    | 'live_wire'
    | 'falling_object'
    | 'medical'
    | 'fire_lane'
    | null;

  @ApiProperty({ type: String, nullable: true })
  emergencyLabel: string | null;

  @ApiProperty({ type: () => ClassificationPreviewKindSuggestion, nullable: true })
  kindSuggestion: ClassificationPreviewKindSuggestion | null;

  @ApiPropertyOptional({ type: Number })
  confidence?: number;

  @ApiProperty({
    enum: [
      '房屋管理类',
      '设备管理类',
      '安全管理类',
      '环境管理类',
      '综合服务类',
      '业户纠纷类',
      '开发商相关类',
      '其它类',
    ],
  })
  category:
    | '房屋管理类'
    | '设备管理类'
    | '安全管理类'
    | '环境管理类'
    | '综合服务类'
    | '业户纠纷类'
    | '开发商相关类'
    | '其它类';
}

export class ClassifierModel {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  companyId: string;

  @ApiProperty({ type: String, nullable: true })
  createdById: string | null;

  @ApiProperty({ type: Number })
  corrections: number;

  @ApiProperty({ type: Number })
  trainSize: number;

  @ApiProperty({ type: Number })
  accuracyBefore: number;

  @ApiProperty({ type: Number })
  accuracyAfter: number;

  @ApiProperty({ type: Number })
  macroF1Before: number;

  @ApiProperty({ type: Number })
  macroF1After: number;

  @ApiProperty({ type: Boolean })
  active: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class RoutingTable {
  @ApiProperty({ enum: ['cs', 'eng', 'sec', 'env', 'qa'] })
  '房屋管理类': 'cs' | 'eng' | 'sec' | 'env' | 'qa';

  @ApiProperty({ enum: ['cs', 'eng', 'sec', 'env', 'qa'] })
  '设备管理类': 'cs' | 'eng' | 'sec' | 'env' | 'qa';

  @ApiProperty({ enum: ['cs', 'eng', 'sec', 'env', 'qa'] })
  '安全管理类': 'cs' | 'eng' | 'sec' | 'env' | 'qa';

  @ApiProperty({ enum: ['cs', 'eng', 'sec', 'env', 'qa'] })
  '环境管理类': 'cs' | 'eng' | 'sec' | 'env' | 'qa';

  @ApiProperty({ enum: ['cs', 'eng', 'sec', 'env', 'qa'] })
  '综合服务类': 'cs' | 'eng' | 'sec' | 'env' | 'qa';

  @ApiProperty({ enum: ['cs', 'eng', 'sec', 'env', 'qa'] })
  '业户纠纷类': 'cs' | 'eng' | 'sec' | 'env' | 'qa';

  @ApiProperty({ enum: ['cs', 'eng', 'sec', 'env', 'qa'] })
  '开发商相关类': 'cs' | 'eng' | 'sec' | 'env' | 'qa';

  @ApiProperty({ enum: ['cs', 'eng', 'sec', 'env', 'qa'] })
  '其它类': 'cs' | 'eng' | 'sec' | 'env' | 'qa';
}

export class TradesTrade {
  @ApiProperty({ enum: ['elevator', 'low_voltage', 'water_electric', 'civil', 'general'] })
  code: 'elevator' | 'low_voltage' | 'water_electric' | 'civil' | 'general';

  @ApiProperty({ type: String })
  label: string;
}

export class TradesTable {
  @ApiProperty({ enum: ['cs', 'eng', 'sec', 'env', 'qa'] })
  elevator: 'cs' | 'eng' | 'sec' | 'env' | 'qa';

  @ApiProperty({ enum: ['cs', 'eng', 'sec', 'env', 'qa'] })
  low_voltage: 'cs' | 'eng' | 'sec' | 'env' | 'qa';

  @ApiProperty({ enum: ['cs', 'eng', 'sec', 'env', 'qa'] })
  water_electric: 'cs' | 'eng' | 'sec' | 'env' | 'qa';

  @ApiProperty({ enum: ['cs', 'eng', 'sec', 'env', 'qa'] })
  civil: 'cs' | 'eng' | 'sec' | 'env' | 'qa';

  @ApiProperty({ enum: ['cs', 'eng', 'sec', 'env', 'qa'] })
  general: 'cs' | 'eng' | 'sec' | 'env' | 'qa';
}

export class TradesStaff {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ type: [String] })
  trades: string[];
}

export class Trades {
  @ApiProperty({ type: () => [TradesTrade] })
  trades: TradesTrade[];

  @ApiProperty({ type: () => TradesTable })
  table: TradesTable;

  @ApiProperty({ type: () => [TradesStaff] })
  staff: TradesStaff[];
}

/** One of the eight complaint categories as a project uses it. */
export class RoutingCategory {
  @ApiProperty({ enum: CATEGORY_NAMES, enumName: 'CategoryName' })
  name: CategoryName;

  @ApiProperty({
    enum: ['cs', 'eng', 'sec', 'env', 'qa'],
    description: 'the department its complaints go to',
  })
  departmentCode: 'cs' | 'eng' | 'sec' | 'env' | 'qa';

  @ApiProperty({ type: Boolean, description: "whether the project's staff may pick it" })
  shown: boolean;
}

/** The categories a project's staff may pick (its policy's routing.shownCategories) and all eight with departments. */
export class RoutingCategories {
  @ApiProperty({ enum: CATEGORY_NAMES, enumName: 'CategoryName', isArray: true })
  shown: CategoryName[];

  @ApiProperty({ type: () => [RoutingCategory] })
  categories: RoutingCategory[];
}
