import { Module } from '@nestjs/common';
import { FilesController } from './files.controller';
import { FilesModule } from './files.module';

@Module({ imports: [FilesModule], controllers: [FilesController] })
export class FilesHttpModule {}
