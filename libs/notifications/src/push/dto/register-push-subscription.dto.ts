import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsNumber, IsObject, IsOptional, IsString, IsUrl, Length, MaxLength, ValidateNested } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class PushSubscriptionKeysDto {
  @ApiProperty({ description: "The browser's P-256 public key (base64url, 65 bytes)" })
  @IsString()
  @Length(80, 200)
  p256dh!: string;

  @ApiProperty({ description: 'The 16-byte authentication secret (base64url)' })
  @IsString()
  @Length(16, 100)
  auth!: string;
}

/** The browser's `PushSubscription.toJSON()` as is, plus an optional device name. */
export class RegisterPushSubscriptionDto {
  @ApiProperty({ description: 'The push service URL (https; http://127.0.0.1 or localhost only outside production)' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2048)
  endpoint!: string;

  @ApiProperty({ type: PushSubscriptionKeysDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PushSubscriptionKeysDto)
  keys!: PushSubscriptionKeysDto;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Sent by browsers; ignored' })
  @IsOptional()
  @IsNumber()
  expirationTime?: number | null;

  @ApiPropertyOptional({ description: 'A name to recognise the device by, e.g. "Work laptop"' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  deviceName?: string;
}
