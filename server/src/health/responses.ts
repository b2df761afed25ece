/** What the health endpoints answer (the OpenAPI document's response schemas; they describe, never shape, the JSON). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthDatabase {
  @ApiProperty({ enum: ['sqlite', 'mysql', 'mariadb'] })
  type: 'sqlite' | 'mysql' | 'mariadb';

  @ApiProperty({ type: Boolean })
  ok: boolean;

  @ApiProperty({ type: Number })
  latencyMs: number;
}

/** How far every company's working-day calendar reaches (the earliest last covered day of all companies). */
export class HealthCalendar {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'YYYY-12-31, or null when this year is not covered',
  })
  coveredThrough: string | null;

  @ApiProperty({ type: Boolean })
  nextYearMissing: boolean;
}

/** Whether rate limits count (with Redis unreachable they let every request through). */
export class HealthRateLimits {
  @ApiProperty({ enum: ['redis', 'memory'] })
  store: 'redis' | 'memory';

  @ApiProperty({ type: Boolean })
  ok: boolean;

  @ApiPropertyOptional({ type: String, description: 'Only when ok is false' })
  message?: string;
}

export class Health {
  @ApiProperty({ type: String })
  status: string;

  @ApiProperty({ type: () => HealthDatabase })
  database: HealthDatabase;

  @ApiPropertyOptional({ type: () => HealthCalendar })
  calendar?: HealthCalendar;

  @ApiPropertyOptional({ type: () => HealthRateLimits })
  rateLimits?: HealthRateLimits;
}
