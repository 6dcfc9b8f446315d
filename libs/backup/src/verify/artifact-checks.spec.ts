import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Crc64 } from '../util/crc64.util';
import { RdbChecker } from './artifact-checks';

function rdb(body: string, checksum?: Buffer): Buffer {
  const payload = Buffer.concat([Buffer.from(`REDIS0010${body}`, 'latin1'), Buffer.from([0xff])]);
  return Buffer.concat([payload, checksum ?? new Crc64().update(payload).digestLE()]);
}

async function check(bytes: Buffer, chunk = 7): Promise<string[]> {
  const checker = new RdbChecker(bytes.length);
  const chunks = Array.from({ length: Math.ceil(bytes.length / chunk) }, (_, i) => bytes.subarray(i * chunk, (i + 1) * chunk));
  await pipeline(Readable.from(chunks), checker);
  return checker.problems;
}

describe('RDB check', () => {
  it('accepts a file whose CRC-64 matches (or is 0: rdbchecksum no), however it is chunked', async () => {
    expect(await check(rdb('\u00fa\u0009redis-ver\u00067.0.15'))).toEqual([]);
    expect(await check(rdb('payload', Buffer.alloc(8)), 1)).toEqual([]);
  });

  it('reports a flipped byte, a truncated file and a file that is not an RDB', async () => {
    const good = rdb('payload-payload');
    const flipped = Buffer.from(good);
    flipped[12] ^= 1;
    expect((await check(flipped))[0]).toMatch(/^CRC-64 mismatch/);
    expect(await check(good.subarray(0, good.length - 3))).toEqual(['no EOF marker (the snapshot was cut short)']);
    expect(await check(Buffer.from('hello world, not redis'))).toEqual(['not an RDB file (no REDISnnnn header)']);
  });
});
