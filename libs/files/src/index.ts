export { FilesModule } from './files.module';
export { FilesHttpModule } from './files-http.module';
export { FilesService } from './files.service';
export { FileIntakeService, type MultipartOptions, type ReceivedForm, UPLOAD_FIELD } from './file-intake.service';
export { type FileReference, type FileView, toFileReference, toFileView } from './file.view';
export { isMimeTypeAllowed, sniffMimeType } from './mime-sniffer';
