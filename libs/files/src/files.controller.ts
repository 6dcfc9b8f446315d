import { Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ApiAuth, AuthUser, CurrentUser } from '@app/auth';
import { PaginationQueryDto } from '@app/common';
import { RateLimit } from '@app/throttling';
import { parseByteRange } from './byte-range';
import { sendFileContent, sendRangeNotSatisfiable } from './file-content.reply';
import { FileIntakeService } from './file-intake.service';
import { toFileView } from './file.view';
import { FilesService } from './files.service';

@ApiTags('files')
@ApiAuth()
@Controller('files')
export class FilesController {
  constructor(
    private readonly files: FilesService,
    private readonly intake: FileIntakeService,
  ) {}

  @Post()
  @RateLimit('upload')
  @ApiConsumes('multipart/form-data')
  async upload(@CurrentUser() user: AuthUser, @Req() request: FastifyRequest) {
    return toFileView((await this.intake.receiveOne(user.id, request)).file);
  }

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: PaginationQueryDto) {
    return this.files.list(user.id, query);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.files.get(user.id, id);
  }

  @Get(':id/content')
  async content(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('range') rangeHeader: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    const file = await this.files.find(user.id, id);
    const range = parseByteRange(rangeHeader, Number(file.sizeBytes));
    if (range === 'unsatisfiable') return sendRangeNotSatisfiable(reply, file);
    return sendFileContent(reply, file, await this.files.content(file, range), range);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.files.remove(user.id, id);
  }
}
