import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { PaginationQueryDto } from '@app/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiAuth } from './api-auth.decorator';
import { AuthUser } from './auth-user';
import { ClientInfo } from './client-info.decorator';
import { CurrentUser } from './current-user.decorator';

import { UpdateTierDto } from './dto/update-tier.dto';
import { Roles } from './roles.decorator';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiAuth()
@ApiForbiddenResponse({ description: 'Requires role ADMIN' })
@Roles('ADMIN')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ description: '{items: [{id, email, name, role, tier, createdAt, disabledAt, lastLoginAt}], nextCursor}' })
  list(@Query() query: PaginationQueryDto) {
    return this.users.list(query);
  }

  @Patch(':id/tier')
  @ApiOkResponse({ description: '{id, email, name, role, tier, createdAt}' })
  @ApiNotFoundResponse()
  setTier(
    @CurrentUser() admin: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateTierDto,
    @ClientInfo() client: ClientInfo,
  ) {
    return this.users.setTier(admin.id, id, dto.tier, client);
  }
}
