import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsIn } from 'class-validator';

export class CallbackDecisionDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'], { message: 'decision must be "approve" or "reject"' })
  decision!: 'approve' | 'reject';

  @ApiPropertyOptional({ description: 'Any JSON: the waiting node outputs it as `data`.' })
  @Allow()
  data?: unknown;
}
