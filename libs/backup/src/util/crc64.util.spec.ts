import { Crc64 } from './crc64.util';

describe('CRC-64/Jones (the RDB checksum)', () => {
  it('matches the check value Redis tests against', () => {
    // redis/src/crc64.c: crc64(0, "123456789", 9) == 0xe9c6d914c4b8d9ca
    expect(new Crc64().update(Buffer.from('123456789')).hex()).toBe('e9c6d914c4b8d9ca');
  });

  it('is the same whether fed at once or in pieces, and stored little-endian', () => {
    const data = Buffer.from('REDIS0010 some payload \u00ff\u0001');
    const whole = new Crc64().update(data);
    const pieces = new Crc64().update(data.subarray(0, 5)).update(data.subarray(5));
    expect(pieces.hex()).toBe(whole.hex());
    expect(Buffer.from(whole.digestLE()).reverse().toString('hex')).toBe(whole.hex());
  });
});
