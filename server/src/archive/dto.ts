import { IsOptional, Matches } from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Which tickets: registered from `from` to `to` (Beijing days, inclusive); both optional. */
export class ArchiveQuery {
  @IsOptional() @Matches(DAY, { message: '开始日期格式应为 YYYY-MM-DD，例如 2026-01-01' }) from?: string;
  @IsOptional() @Matches(DAY, { message: '结束日期格式应为 YYYY-MM-DD，例如 2026-12-31' }) to?: string;
}
