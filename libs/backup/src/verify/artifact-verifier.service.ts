import { Injectable } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { FILES_ARTIFACT, POSTGRES_ARTIFACT, REDIS_ARTIFACT } from '../backup.constants';
import { errorMessage } from '@app/common';
import { dumpEdgeProblems } from '../artifacts/dump-format.util';
import { ArtifactEntry, BackupManifest } from '../manifest/backup-manifest';
import { discard, DigestStream, EdgeSniffer } from '../util/digest-stream.util';
import { RdbChecker, TarChecker } from './artifact-checks';

/**
 * Re-reads every artifact from disk: size and SHA-256 against the manifest, each gzip stream fully
 * decompressed (what `gunzip -t` guarantees), the dump's header and trailer, the tar structure and
 * file count, the RDB checksum. Returns every problem found, not only the first.
 */
@Injectable()
export class ArtifactVerifier {
  async verify(dir: string, manifest: BackupManifest): Promise<string[]> {
    const results = await Promise.all(manifest.artifacts.map((artifact) => this.check(dir, artifact, manifest)));
    return results.flat();
  }

  private async check(dir: string, artifact: ArtifactEntry, manifest: BackupManifest): Promise<string[]> {
    const path = join(dir, artifact.file);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) return [`${artifact.file}: missing`];
    const problems: string[] = [];
    if (info.size !== artifact.size) problems.push(`${artifact.file}: ${info.size} bytes, the manifest says ${artifact.size}`);
    const digest = new DigestStream();
    try {
      problems.push(
        ...(await this.checkContent(path, artifact.file, digest, manifest, info.size)).map((problem) => `${artifact.file}: ${problem}`),
      );
    } catch (error) {
      problems.push(`${artifact.file}: ${artifact.file.endsWith('.gz') ? 'gzip stream corrupt' : 'unreadable'} (${errorMessage(error)})`);
    }
    // A content check that stopped early hashed only part of the file: hash the rest on its own.
    const sha256 = digest.bytes === info.size ? digest.digest() : await sha256Of(path);
    if (sha256 !== artifact.sha256)
      problems.push(`${artifact.file}: SHA-256 mismatch (manifest ${artifact.sha256.slice(0, 12)}…, file ${sha256.slice(0, 12)}…)`);
    return problems;
  }

  private async checkContent(path: string, file: string, digest: DigestStream, manifest: BackupManifest, size: number): Promise<string[]> {
    const source = createReadStream(path, { highWaterMark: 1024 * 1024 });
    if (file === POSTGRES_ARTIFACT) {
      const edges = new EdgeSniffer();
      await pipeline(source, digest, createGunzip(), edges, discard());
      return dumpEdgeProblems(edges.head, edges.tail);
    }
    if (file === FILES_ARTIFACT) {
      const tar = new TarChecker();
      await pipeline(source, digest, createGunzip(), tar);
      return tar.files === manifest.files.count ? [] : [`${tar.files} files in the archive, the manifest says ${manifest.files.count}`];
    }
    if (file === REDIS_ARTIFACT) {
      const rdb = new RdbChecker(size);
      await pipeline(source, digest, rdb);
      return rdb.problems;
    }
    await pipeline(source, digest, discard());
    return [];
  }
}

async function sha256Of(path: string): Promise<string> {
  const digest = new DigestStream();
  await pipeline(createReadStream(path), digest, discard() as Writable);
  return digest.digest();
}
