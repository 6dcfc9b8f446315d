import { Injectable } from '@nestjs/common';
import type { CredentialsResolverPort } from '../credentials/credentials-port';
import type { FilesReaderPort } from '../files/files-port';

/**
 * Where the vault (libs/credentials) and the file store (libs/files) plug into the engine: both libs
 * depend on this one, so the engine cannot import them. Their modules fill these in while the app boots;
 * a port left empty means that lib is not loaded in this process.
 */
@Injectable()
export class EnginePorts {
  credentials?: CredentialsResolverPort;
  files?: FilesReaderPort;
}
