import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, AuthUser, CurrentUser } from '@app/auth';
import { ApiErrors } from '@app/common';
import { CredentialResponseDto, CredentialUsageDto } from './dto/credential-response.dto';
import { CreateCredentialDto } from './dto/create-credential.dto';
import { UpdateCredentialDto } from './dto/update-credential.dto';
import { CredentialsService } from './credentials.service';

@ApiTags('credentials')
@ApiAuth()
@Controller('credentials')
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Post()
  @ApiOperation({ summary: 'Store a credential (values are encrypted and never returned)' })
  @ApiCreatedResponse({ type: CredentialResponseDto })
  @ApiErrors(400, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCredentialDto) {
    return this.credentials.create(user.id, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List own credentials' })
  @ApiOkResponse({ type: [CredentialResponseDto] })
  list(@CurrentUser() user: AuthUser) {
    return this.credentials.list(user.id);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one credential (field names only)' })
  @ApiOkResponse({ type: CredentialResponseDto })
  @ApiErrors(400, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.credentials.get(user.id, id);
  }

  @Get(':id/usage')
  @ApiOperation({ summary: 'Workflows referencing a credential and its recent uses' })
  @ApiOkResponse({ type: CredentialUsageDto })
  @ApiErrors(400, 404)
  usage(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.credentials.usageOf(user.id, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename a credential or replace its values' })
  @ApiOkResponse({ type: CredentialResponseDto })
  @ApiErrors(400, 404, 409)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateCredentialDto) {
    return this.credentials.update(user.id, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a credential' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404, 409)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.credentials.remove(user.id, id);
  }
}
