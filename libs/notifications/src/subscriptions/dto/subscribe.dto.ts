import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { NotificationEvent } from '@app/database';

export class SubscribeDto {
  @ApiProperty() @IsUUID() channelId!: string;
  @ApiProperty({ enum: NotificationEvent }) @IsEnum(NotificationEvent) event!: NotificationEvent;
  @ApiPropertyOptional({ description: 'Only events about this workflow; omitted = every workflow of the user' })
  @IsOptional()
  @IsUUID()
  workflowId?: string;
}
