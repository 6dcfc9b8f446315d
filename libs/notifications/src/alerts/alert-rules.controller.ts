import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, AuthUser, CurrentUser } from '@app/auth';
import { ApiErrors, ApiPageResponse, PaginationQueryDto } from '@app/common';
import { AlertRuleResponseDto } from '../dto/notification-responses.dto';
import { AlertRulesService } from './alert-rules.service';
import { CreateAlertRuleDto } from './dto/create-alert-rule.dto';
import { UpdateAlertRuleDto } from './dto/update-alert-rule.dto';

@ApiTags('alerts')
@ApiAuth()
@Controller('alerts/rules')
export class AlertRulesController {
  constructor(private readonly rules: AlertRulesService) {}

  @Post()
  @ApiOperation({ summary: 'Create an alert rule (metric, comparator, threshold, window)' })
  @ApiCreatedResponse({ type: AlertRuleResponseDto })
  @ApiErrors(400, 403, 404)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateAlertRuleDto) {
    return this.rules.create(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List own alert rules' })
  @ApiPageResponse(AlertRuleResponseDto)
  @ApiErrors(400)
  list(@CurrentUser() user: AuthUser, @Query() query: PaginationQueryDto) {
    return this.rules.list(user.id, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an alert rule' })
  @ApiOkResponse({ type: AlertRuleResponseDto })
  @ApiErrors(400, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.rules.get(user.id, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update an alert rule' })
  @ApiOkResponse({ type: AlertRuleResponseDto })
  @ApiErrors(400, 403, 404)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateAlertRuleDto) {
    return this.rules.update(user, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an alert rule' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.rules.remove(user.id, id);
  }
}
