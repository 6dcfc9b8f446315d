import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiErrors, ApiPageResponse, PaginationQueryDto } from '@app/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth } from './api-auth.decorator';
import { AuthUser } from './auth-user';
import { ClientInfo } from './client-info.decorator';
import { CurrentUser } from './current-user.decorator';
import { UserAdminViewDto, UserProfileDto } from './dto/auth-responses.dto';
import { UpdateTierDto } from './dto/update-tier.dto';
import { Roles } from './roles.decorator';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiAuth()
@ApiErrors([403, 'Requires role ADMIN'])
@Roles('ADMIN')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List users (admin)' })
  @ApiPageResponse(UserAdminViewDto)
  @ApiErrors(400)
  list(@Query() query: PaginationQueryDto) {
    return this.users.list(query);
  }

  @Patch(':id/tier')
  @ApiOperation({ summary: 'Change a user’s tier (admin)' })
  @ApiOkResponse({ type: UserProfileDto })
  @ApiErrors(400, 404)
  setTier(
    @CurrentUser() admin: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateTierDto,
    @ClientInfo() client: ClientInfo,
  ) {
    return this.users.setTier(admin.id, id, dto.tier, client);
  }
}
