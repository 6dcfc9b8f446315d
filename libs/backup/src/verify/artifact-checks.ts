import { Writable } from 'node:stream';
import type { Parser } from 'tar';
import { Crc64 } from '../util/crc64.util';
import { tarLib } from '../util/tar-lib.util';

const RDB_MAGIC = /^REDIS\d{4}$/;
const RDB_EOF_OPCODE = 0xff;
const RDB_TRAILER_BYTES = 9; // EOF opcode + CRC-64 (little-endian)

/**
 * Reads a whole RDB file and checks it as redis-check-rdb's first pass would: the REDISnnnn magic, the
 * EOF opcode and the CRC-64 Redis stores after it (0 when the server runs with rdbchecksum no).
 */
export class RdbChecker extends Writable {
  readonly problems: string[] = [];
  private readonly crc = new Crc64();
  private seen = 0;
  private head = Buffer.alloc(0);
  private tail = Buffer.alloc(0);

  constructor(private readonly size: number) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.head.length < 9) this.head = Buffer.concat([this.head, chunk.subarray(0, 9 - this.head.length)]);
    const covered = Math.max(0, Math.min(chunk.length, this.size - 8 - this.seen));
    this.crc.update(chunk.subarray(0, covered));
    this.tail = Buffer.concat([this.tail, chunk]).subarray(-RDB_TRAILER_BYTES);
    this.seen += chunk.length;
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (!RDB_MAGIC.test(this.head.toString('latin1'))) this.problems.push('not an RDB file (no REDISnnnn header)');
    else if (this.tail.length < RDB_TRAILER_BYTES || this.tail[0] !== RDB_EOF_OPCODE)
      this.problems.push('no EOF marker (the snapshot was cut short)');
    else {
      const stored = this.tail.subarray(1);
      if (!stored.equals(Buffer.alloc(8)) && !stored.equals(this.crc.digestLE()))
        this.problems.push(`CRC-64 mismatch (stored ${Buffer.from(stored).reverse().toString('hex')}, computed ${this.crc.hex()})`);
    }
    callback();
  }
}

/** Parses a (decompressed) tar stream strictly and counts its regular files. */
export class TarChecker extends Writable {
  files = 0;
  private readonly parser: Parser;

  constructor() {
    super();
    this.parser = new (tarLib().Parser)({
      strict: true,
      onReadEntry: (entry) => {
        if (entry.type === 'File' || entry.type === 'OldFile' || entry.type === 'ContiguousFile') this.files++;
        entry.resume();
      },
    });
    this.parser.on('error', (error: Error) => this.destroy(error));
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.parser.write(chunk);
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.parser.once('end', () => callback());
    this.parser.end();
  }
}
