import { Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { DatabaseModule } from '@app/database';
import { EnginePorts, EnginePortsModule } from '@app/workflows';
import { FilesReader } from './files-reader';
import { FileIntakeService } from './file-intake.service';
import { FilesService } from './files.service';
import { FileStorage } from './storage/file-storage';
import { LocalFileStorage } from './storage/local-file.storage';
import { S3FileStorage } from './storage/s3-file.storage';

/**
 * Stored files for other libs (webhooks; workflow nodes through the reader it plugs into EnginePorts);
 * FilesHttpModule adds the /files routes.
 */
@Module({
  imports: [DatabaseModule, EnginePortsModule],
  providers: [FilesService, FileIntakeService, FilesReader, { provide: FileStorage, inject: [AppConfig], useFactory: storageFor }],
  exports: [FilesService, FileIntakeService],
})
export class FilesModule {
  constructor(ports: EnginePorts, reader: FilesReader) {
    ports.files = reader;
  }
}

function storageFor(config: AppConfig): FileStorage {
  return config.upload.UPLOAD_STORAGE === 's3' ? new S3FileStorage(config) : new LocalFileStorage(config);
}
