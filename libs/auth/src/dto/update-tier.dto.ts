import { ApiProperty } from '@nestjs/swagger';
import { IsEnum } from 'class-validator';
import { UserTier } from '@app/database';

export class UpdateTierDto {
  @ApiProperty({ enum: Object.values(UserTier) })
  @IsEnum(UserTier)
  tier!: UserTier;
}
