import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PaginationQueryDto } from '@app/common';

export class ListWorkflowsQuery extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'case-insensitive match on the name' }) @IsOptional() @IsString() @Length(1, 120) search?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 40) tag?: string;
  @ApiPropertyOptional({ enum: ['DRAFT', 'ACTIVE', 'INACTIVE'] }) @IsOptional() @IsIn(['DRAFT', 'ACTIVE', 'INACTIVE']) status?:
    'DRAFT' | 'ACTIVE' | 'INACTIVE';
}
