import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiErrors, ApiPageResponse, PaginationQueryDto } from '@app/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth } from './api-auth.decorator';
import { ApiKeysService } from './api-keys.service';
import { AuthUser } from './auth-user';
import { ClientInfo } from './client-info.decorator';
import { CurrentUser } from './current-user.decorator';
import { ApiKeyViewDto, CreatedApiKeyDto } from './dto/auth-responses.dto';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

@ApiTags('auth')
@ApiAuth()
@Controller('auth/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key (the secret is shown once)' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto, description: '`key` is shown this once only' })
  @ApiErrors(400, [403, 'An API key asked for a key broader or longer-lived than itself'])
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateApiKeyDto, @ClientInfo() client: ClientInfo) {
    return this.apiKeys.create(user, dto, client);
  }

  @Get()
  @ApiOperation({ summary: 'List own API keys' })
  @ApiPageResponse(ApiKeyViewDto)
  @ApiErrors(400)
  list(@CurrentUser() user: AuthUser, @Query() query: PaginationQueryDto) {
    return this.apiKeys.list(user.id, query);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke an API key' })
  @ApiNoContentResponse({ description: 'Revoked: the key stops working' })
  @ApiErrors(400, [404, 'No such key among the caller’s own'])
  revoke(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @ClientInfo() client: ClientInfo) {
    return this.apiKeys.revoke(user.id, id, client);
  }
}
