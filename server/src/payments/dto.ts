import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PRICE_ITEM_KINDS,
  QUOTE_ITEM_NAME_MAX,
  QUOTE_MAX_ITEMS,
  QUOTE_MAX_QUANTITY,
  QUOTE_MAX_TOTAL_FEN,
} from '@wuye/shared';
import type { PriceItemKind } from '@wuye/shared';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A price item's place in the list: a small whole number (the column is an INT; 1e308 is no order). */
export const PRICE_ITEM_SORT_MAX = 9999;

/** One line of the project's price list 维修价目表. */
export class PriceItemDto {
  @ApiProperty({ enum: PRICE_ITEM_KINDS })
  @IsIn(PRICE_ITEM_KINDS, { message: '请选择收费类别：人工费、上门费或材料费' })
  kind: PriceItemKind;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: '请填写收费项目名称' })
  @MaxLength(QUOTE_ITEM_NAME_MAX, { message: `名称不能超过 ${QUOTE_ITEM_NAME_MAX} 字` })
  name: string;

  @ApiPropertyOptional({ example: '次' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(10, { message: '单位不能超过 10 字' })
  unit?: string;

  @ApiProperty({ description: 'fen' })
  @IsInt({ message: '价格须为整数（单位：分）' })
  @Min(0, { message: '价格不能为负数' })
  @Max(QUOTE_MAX_TOTAL_FEN, { message: '价格过高' })
  priceFen: number;

  @ApiPropertyOptional({
    description: 'order in the list, 0–9999 (smaller first)',
    minimum: 0,
    maximum: PRICE_ITEM_SORT_MAX,
  })
  @IsOptional()
  @IsInt({ message: '排序须为整数' })
  @Min(0, { message: '排序不能为负数' })
  @Max(PRICE_ITEM_SORT_MAX, { message: `排序不能大于 ${PRICE_ITEM_SORT_MAX}` })
  sort?: number;
}

export class UpdatePriceItemDto {
  @ApiPropertyOptional({ enum: PRICE_ITEM_KINDS })
  @IsOptional()
  @IsIn(PRICE_ITEM_KINDS, { message: '请选择收费类别：人工费、上门费或材料费' })
  kind?: PriceItemKind;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: '请填写收费项目名称' })
  @MaxLength(QUOTE_ITEM_NAME_MAX, { message: `名称不能超过 ${QUOTE_ITEM_NAME_MAX} 字` })
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(10, { message: '单位不能超过 10 字' })
  unit?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt({ message: '价格须为整数（单位：分）' })
  @Min(0, { message: '价格不能为负数' })
  @Max(QUOTE_MAX_TOTAL_FEN, { message: '价格过高' })
  priceFen?: number;

  @ApiPropertyOptional({
    description: 'order in the list, 0–9999 (smaller first)',
    minimum: 0,
    maximum: PRICE_ITEM_SORT_MAX,
  })
  @IsOptional()
  @IsInt({ message: '排序须为整数' })
  @Min(0, { message: '排序不能为负数' })
  @Max(PRICE_ITEM_SORT_MAX, { message: `排序不能大于 ${PRICE_ITEM_SORT_MAX}` })
  sort?: number;

  @ApiPropertyOptional({ description: 'false retires the item (old quotes keep it)' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class PriceListQuery {
  @ApiPropertyOptional({ description: 'HQ names the project; staff get their own' })
  @IsOptional()
  @IsUUID('all', { message: '小区编号格式不正确' })
  projectId?: string;

  @ApiPropertyOptional({ description: 'true: also the retired items (to restore one)' })
  @IsOptional()
  @Transform(({ value }) =>
    value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
  )
  @IsBoolean({ message: 'includeRetired 只能是 true 或 false' })
  includeRetired?: boolean;
}

/**
 * One quote line: labour and call-out come from the price list (priceItemId, the list's price);
 * materials are charged at cost, from the list or written in with their cost price.
 */
export class QuoteItemDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: '收费项目编号格式不正确' })
  priceItemId?: string;

  @ApiPropertyOptional({ enum: ['material'] })
  @IsOptional()
  @IsIn(PRICE_ITEM_KINDS, { message: '收费类别不正确' })
  kind?: PriceItemKind;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(QUOTE_ITEM_NAME_MAX, { message: `名称不能超过 ${QUOTE_ITEM_NAME_MAX} 字` })
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(10, { message: '单位不能超过 10 字' })
  unit?: string;

  @ApiPropertyOptional({ description: 'fen; materials written in only' })
  @IsOptional()
  @IsInt({ message: '单价须为整数（单位：分）' })
  @Min(0, { message: '单价不能为负数' })
  unitPriceFen?: number;

  @ApiProperty()
  @IsInt({ message: '数量须为整数' })
  @Min(1, { message: '数量至少为 1' })
  @Max(QUOTE_MAX_QUANTITY, { message: `数量不能超过 ${QUOTE_MAX_QUANTITY}` })
  quantity: number;
}

export class SendQuoteDto {
  @ApiProperty({ type: [QuoteItemDto] })
  @IsArray({ message: '请添加收费项目' })
  @ArrayMinSize(1, { message: '请至少添加一项收费项目' })
  @ArrayMaxSize(QUOTE_MAX_ITEMS, { message: `收费项目最多 ${QUOTE_MAX_ITEMS} 项` })
  @ValidateNested({ each: true })
  @Type(() => QuoteItemDto)
  items: QuoteItemDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200, { message: '说明不能超过 200 字' })
  note?: string;
}

export class QuoteReasonDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200, { message: '原因不能超过 200 字' })
  reason?: string;
}

export const OFFLINE_METHODS = ['cash', 'transfer', 'pos', 'other'] as const;
export const OFFLINE_METHOD_LABELS: Record<(typeof OFFLINE_METHODS)[number], string> = {
  cash: '现金',
  transfer: '银行转账',
  pos: '刷卡',
  other: '其他方式',
};

/** 线下收款: staff took the money in person (WeChat Pay not set up, or the resident prefers it). */
export class OfflinePaymentDto {
  @ApiProperty({ enum: OFFLINE_METHODS })
  @IsIn(OFFLINE_METHODS, { message: '请选择收款方式' })
  method: (typeof OFFLINE_METHODS)[number];

  @ApiPropertyOptional({ description: 'receipt number etc.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100, { message: '备注不能超过 100 字' })
  note?: string;
}

export class ReconcileQuery {
  @ApiProperty({ example: '2026-11-23', description: 'Asia/Shanghai calendar day' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '请按 YYYY-MM-DD 填写对账日期' })
  day: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: '小区编号格式不正确' })
  projectId?: string;
}

/** The project manager's refund of one payment: in full, or the part given in fen, with a reason. */
export class ManagerRefundDto {
  @ApiProperty({ description: 'the paid order (payments[].id in the charges)' })
  @IsUUID('all', { message: '请选择要退款的付款' })
  orderId: string;

  @ApiPropertyOptional({ description: 'fen; the whole payment when left out' })
  @IsOptional()
  @IsInt({ message: '退款金额以分为单位，须为整数' })
  @Min(1, { message: '退款金额至少 0.01 元' })
  amountFen?: number;

  @ApiProperty()
  @Transform(trim)
  @IsString({ message: '请填写退款原因' })
  @MinLength(2, { message: '请填写退款原因（至少 2 个字），住户会看到' })
  @MaxLength(60, { message: '退款原因不能超过 60 个字' })
  reason: string;
}
