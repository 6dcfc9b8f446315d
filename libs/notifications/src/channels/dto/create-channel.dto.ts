import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsEnum, IsOptional, IsString, IsUrl, Length, MaxLength, ValidateIf } from 'class-validator';
import { NotificationChannelType } from '@app/database';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
export const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

/**
 * Fields per type — EMAIL: email; SLACK: url (secret); WEBHOOK: url and secret (signing key); IN_APP and
 * PUSH: none (a PUSH channel delivers to every browser the user registered at /notifications/push/subscriptions).
 */
export class CreateChannelDto {
  @ApiProperty({ enum: NotificationChannelType }) @IsEnum(NotificationChannelType) type!: NotificationChannelType;
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 120) name!: string;

  @ApiPropertyOptional({ description: 'EMAIL: the recipient address' })
  @ValidateIf((o: CreateChannelDto) => o.type === 'EMAIL' || o.email !== undefined)
  @Transform(trim)
  @IsEmail()
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ description: 'SLACK: the incoming-webhook URL (stored encrypted, never returned); WEBHOOK: the URL to POST to' })
  @ValidateIf((o: CreateChannelDto) => o.type === 'SLACK' || o.type === 'WEBHOOK' || o.url !== undefined)
  @IsUrl(URL_OPTIONS)
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ description: 'WEBHOOK: the HMAC-SHA256 signing secret (stored encrypted, never returned)', minLength: 16 })
  @ValidateIf((o: CreateChannelDto) => o.type === 'WEBHOOK' || o.secret !== undefined)
  @IsString()
  @Length(16, 256)
  secret?: string;

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;
}
