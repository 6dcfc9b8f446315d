import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { PaginationQueryDto } from '@app/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiAuth } from './api-auth.decorator';
import { ApiKeysService } from './api-keys.service';
import { AuthUser } from './auth-user';
import { ClientInfo } from './client-info.decorator';
import { CurrentUser } from './current-user.decorator';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

@ApiTags('auth')
@ApiAuth()
@Controller('auth/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiCreatedResponse({
    description:
      '{id, name, prefix, key, scope, createdAt, expiresAt}: `key` is shown this once only. 403 when an API key asks for a key broader or longer-lived than itself',
  })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateApiKeyDto, @ClientInfo() client: ClientInfo) {
    return this.apiKeys.create(user, dto, client);
  }

  @Get()
  @ApiOkResponse({ description: '{items: [{id, name, prefix, scope, createdAt, expiresAt, lastUsedAt}], nextCursor}' })
  list(@CurrentUser() user: AuthUser, @Query() query: PaginationQueryDto) {
    return this.apiKeys.list(user.id, query);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Revoked: the key stops working' })
  @ApiNotFoundResponse({ description: 'No such key among the caller’s own' })
  revoke(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @ClientInfo() client: ClientInfo) {
    return this.apiKeys.revoke(user.id, id, client);
  }
}
