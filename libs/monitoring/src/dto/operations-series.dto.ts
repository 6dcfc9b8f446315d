import { ApiProperty } from '@nestjs/swagger';

const NULLABLE_MS = { type: Number, nullable: true, description: 'null when nothing ran in the slot' } as const;

export class SeriesStatsDto {
  @ApiProperty() count!: number;
  @ApiProperty() errorCount!: number;
  @ApiProperty({ description: 'errorCount / count (0 to 1); requests: 5xx answers, executions: failed or timed out' }) errorRate!: number;
  @ApiProperty({ description: 'Per second over the slot (its elapsed part for the current one)' }) throughput!: number;
  @ApiProperty(NULLABLE_MS) p50Ms!: number | null;
  @ApiProperty(NULLABLE_MS) p95Ms!: number | null;
  @ApiProperty(NULLABLE_MS) p99Ms!: number | null;
}

export class OperationsPointDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the slot' }) at!: string;
  @ApiProperty({ type: SeriesStatsDto, description: 'Every HTTP request of the platform' }) requests!: SeriesStatsDto;
  @ApiProperty({ type: SeriesStatsDto, description: 'Every execution of the platform' }) executions!: SeriesStatsDto;
  @ApiProperty({ description: 'Rate-limit refusals (429) of all replicas, per limiter: a request over two limits counts twice' })
  rateLimitRejections!: number;
  @ApiProperty({ description: 'Rate-limit hits counted in process memory because Redis was unreachable' }) rateLimitFallbacks!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Peak of executions waiting in the queue; null without a sample' })
  queueWaiting!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Peak of executions running; null without a sample' })
  queueActive!: number | null;
}

export class OperationsSeriesDto {
  @ApiProperty({ enum: ['15m', '1h', '24h'] }) window!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ description: '60 (minute points) for windows up to 2 h, 3600 (hour points) above' }) resolutionSeconds!: number;
  @ApiProperty({ type: [OperationsPointDto], description: 'Oldest first, one per slot, empty slots included' })
  points!: OperationsPointDto[];
}
