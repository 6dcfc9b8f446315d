import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsOptional, IsString, IsUrl, Length, MaxLength } from 'class-validator';
import { URL_OPTIONS } from './create-channel.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The type cannot change; url and secret replace the stored ones (write-only). */
export class UpdateChannelDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 120) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ description: 'EMAIL channels' }) @IsOptional() @Transform(trim) @IsEmail() @MaxLength(320) email?: string;
  @ApiPropertyOptional({ description: 'SLACK and WEBHOOK channels' }) @IsOptional() @IsUrl(URL_OPTIONS) @MaxLength(2048) url?: string;
  @ApiPropertyOptional({ description: 'WEBHOOK channels: a new signing secret' })
  @IsOptional()
  @IsString()
  @Length(16, 256)
  secret?: string;
}
