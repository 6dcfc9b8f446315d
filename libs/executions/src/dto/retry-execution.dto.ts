import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

const FROM = ['failed', 'start'] as const;
const VERSION = ['same', 'latest'] as const;

export class RetryExecutionDto {
  @ApiPropertyOptional({
    enum: FROM,
    default: 'start',
    description: 'failed: reuse the outputs of the steps that succeeded and run again from the failed node',
  })
  @IsOptional()
  @IsIn(FROM)
  from?: (typeof FROM)[number];

  @ApiPropertyOptional({
    enum: VERSION,
    default: 'same',
    description: 'same: the version the execution ran; latest: the workflow’s current version',
  })
  @IsOptional()
  @IsIn(VERSION)
  version?: (typeof VERSION)[number];
}
