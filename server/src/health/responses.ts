/** What the health endpoints answer (the OpenAPI document's response schemas; they describe, never shape, the JSON). */
import { ApiProperty } from '@nestjs/swagger';

export class HealthDatabase {
  @ApiProperty({ enum: ['sqlite', 'mysql', 'mariadb'] })
  type: 'sqlite' | 'mysql' | 'mariadb';

  @ApiProperty({ type: Boolean })
  ok: boolean;

  @ApiProperty({ type: Number })
  latencyMs: number;
}

export class Health {
  @ApiProperty({ type: String })
  status: string;

  @ApiProperty({ type: () => HealthDatabase })
  database: HealthDatabase;
}
