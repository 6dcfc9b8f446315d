import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, Roles } from '@app/auth';
import { ApiErrors } from '@app/common';
import { AdminBackupsService } from './admin-backups.service';
import { BackupListDto, BackupStartedDto, BackupVerificationResultDto, ListBackupsQuery } from './dto/backup-responses.dto';

@ApiTags('admin')
@ApiAuth()
@ApiErrors([403, 'Requires role ADMIN'])
@Roles('ADMIN')
@Controller('admin/backups')
export class AdminBackupsController {
  constructor(private readonly backups: AdminBackupsService) {}

  @Get()
  @ApiOperation({ summary: 'List backups, newest first, with size, duration and verification result (admin)' })
  @ApiOkResponse({ type: BackupListDto })
  @ApiErrors(400)
  list(@Query() query: ListBackupsQuery) {
    return this.backups.list(query.limit);
  }

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Back up now (admin): answers 202 once the backup lock is held; follow the run in GET /admin/backups',
    description: 'Runs under the same Redis lock as the scheduled backup, so at most one backup runs across all replicas.',
  })
  @ApiAcceptedResponse({ type: BackupStartedDto })
  @ApiErrors([409, 'Another backup is running'], [503, 'Redis (the backup lock) is unreachable'])
  start() {
    return this.backups.start();
  }

  @Post(':id/verify')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Verify a stored backup against its manifest (admin); answers when the check is done',
    description: 'A failed check marks the backup FAILED (retention then keeps an older good one) and is announced like a failed run.',
  })
  @ApiOkResponse({ type: BackupVerificationResultDto })
  @ApiErrors(404, [409, 'The backup is still running or was never stored'])
  verify(@Param('id') id: string) {
    return this.backups.verify(id);
  }
}
