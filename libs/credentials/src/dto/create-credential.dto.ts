import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsObject, IsString, Length } from 'class-validator';
import { CREDENTIAL_TYPE_NAMES } from '../vault/credential-types';

export class CreateCredentialDto {
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiProperty({ enum: CREDENTIAL_TYPE_NAMES })
  @IsIn(CREDENTIAL_TYPE_NAMES, { message: `type must be one of: ${CREDENTIAL_TYPE_NAMES.join(', ')}` })
  type!: string;

  /** The type's fields; secret ones are write-only (never returned). */
  @ApiProperty({ type: 'object', additionalProperties: true })
  @IsObject()
  data!: Record<string, unknown>;
}
