import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { PaginationQueryDto } from '@app/common';
import { NotificationEvent } from '@app/database';

export class ListSubscriptionsQuery extends PaginationQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() channelId?: string;
  @ApiPropertyOptional({ enum: NotificationEvent }) @IsOptional() @IsEnum(NotificationEvent) event?: NotificationEvent;
}
