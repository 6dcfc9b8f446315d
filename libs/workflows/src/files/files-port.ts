import type { Readable } from 'node:stream';

/**
 * What nodes need from stored files (libs/files, which plugs its reader into EnginePorts; this lib cannot
 * import it). Absent where no file store is loaded.
 */

export interface RunFile {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  open(): Promise<Readable>;
}

export interface FilesReaderPort {
  /** The user's file, or null when it does not exist, was deleted or belongs to someone else. */
  find(userId: string, fileId: string): Promise<RunFile | null>;
}

/** One run's view of the store: only the owner's files. */
export interface RunFiles {
  get(fileId: string): Promise<RunFile | null>;
}

export function runFiles(reader: FilesReaderPort, userId: string): RunFiles {
  return { get: (fileId) => reader.find(userId, fileId) };
}
