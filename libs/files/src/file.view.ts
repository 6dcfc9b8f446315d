import { FileUpload } from '@app/database';

/** What the API and workflows see of a stored file. */
export interface FileView {
  id: string;
  name: string;
  size: number;
  mimeType: string;
  sha256: string;
  createdAt: string;
}

/** How a webhook's uploaded file reaches a workflow: a reference, never the bytes. */
export type FileReference = Omit<FileView, 'id' | 'createdAt'> & { fileId: string };

export function toFileView(row: FileUpload): FileView {
  return {
    id: row.id,
    name: row.originalName,
    size: Number(row.sizeBytes),
    mimeType: row.mimeType,
    sha256: row.sha256,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toFileReference(row: FileUpload): FileReference {
  return { fileId: row.id, name: row.originalName, size: Number(row.sizeBytes), mimeType: row.mimeType, sha256: row.sha256 };
}
