import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { DatabaseModule } from '@app/database';
import { FILES_READER } from '@app/workflows';
import { FilesReader } from './files-reader';
import { FileIntakeService } from './file-intake.service';
import { FilesService } from './files.service';
import { FileStorage } from './storage/file-storage';
import { LocalFileStorage } from './storage/local-file.storage';
import { S3FileStorage } from './storage/s3-file.storage';

/**
 * Stored files for other libs (webhooks; the HTTP request node through FILES_READER); FilesHttpModule adds
 * the /files routes. Global so the engine in libs/workflows can inject FILES_READER without importing this lib.
 */
@Global()
@Module({
  imports: [DatabaseModule],
  providers: [
    FilesService,
    FileIntakeService,
    FilesReader,
    { provide: FileStorage, inject: [AppConfig], useFactory: storageFor },
    { provide: FILES_READER, useExisting: FilesReader },
  ],
  exports: [FilesService, FileIntakeService, FILES_READER],
})
export class FilesModule {}

function storageFor(config: AppConfig): FileStorage {
  return config.upload.UPLOAD_STORAGE === 's3' ? new S3FileStorage(config) : new LocalFileStorage(config);
}
