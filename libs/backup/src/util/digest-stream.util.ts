import { createHash, Hash } from 'node:crypto';
import { Transform, TransformCallback, Writable } from 'node:stream';

/** Passes bytes through while counting them and computing their SHA-256 (no buffering). */
export class DigestStream extends Transform {
  bytes = 0;
  private readonly hash: Hash = createHash('sha256');

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    callback(null, chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** Passes bytes through and keeps only the first and last `size` bytes (dump header and trailer checks). */
export class EdgeSniffer extends Transform {
  private headParts: Buffer[] = [];
  private headBytes = 0;
  private tailParts: Buffer[] = [];
  private tailBytes = 0;

  constructor(private readonly size = 512) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.headBytes < this.size) {
      this.headParts.push(chunk);
      this.headBytes += chunk.length;
    }
    this.tailParts.push(chunk);
    this.tailBytes += chunk.length;
    while (this.tailParts.length > 1 && this.tailBytes - this.tailParts[0].length >= this.size)
      this.tailBytes -= this.tailParts.shift()!.length;
    callback(null, chunk);
  }

  get head(): string {
    return Buffer.concat(this.headParts).subarray(0, this.size).toString('utf8');
  }

  get tail(): string {
    const tail = Buffer.concat(this.tailParts);
    return tail.subarray(Math.max(0, tail.length - this.size)).toString('utf8');
  }
}

/** A sink that discards what it reads (the bytes were only needed for their digest or a check). */
export function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, callback) => callback() });
}
