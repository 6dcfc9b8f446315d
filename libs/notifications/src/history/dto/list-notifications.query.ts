import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { PaginationQueryDto } from '@app/common';
import { NotificationChannelType, NotificationEvent, NotificationStatus } from '@app/database';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListNotificationsQuery extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'true = only unread, false = only read' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unread?: boolean;
  @ApiPropertyOptional({ enum: NotificationEvent }) @IsOptional() @IsEnum(NotificationEvent) event?: NotificationEvent;
  @ApiPropertyOptional({ enum: NotificationStatus }) @IsOptional() @IsEnum(NotificationStatus) status?: NotificationStatus;
  @ApiPropertyOptional({ enum: NotificationChannelType, description: 'e.g. IN_APP for an inbox' })
  @IsOptional()
  @IsEnum(NotificationChannelType)
  channelType?: NotificationChannelType;
}
