import { decodeKey, entropyBitsPerChar, isLowEntropy } from './secret-strength.util';

describe('secret strength', () => {
  it('measures entropy per character', () => {
    expect(entropyBitsPerChar('aaaa')).toBe(0);
    expect(entropyBitsPerChar('abcd')).toBe(2);
  });

  it('flags repetitive secrets and accepts random ones', () => {
    expect(isLowEntropy('passwordpasswordpasswordpassword')).toBe(true);
    expect(isLowEntropy('f3a9c1e07b5d28e4a6c9f0b1d2e3a4b5c6d7e8f90a1b2c3d')).toBe(false);
  });

  it('decodes 32-byte keys from hex and base64', () => {
    expect(decodeKey('ab'.repeat(32))?.length).toBe(32);
    expect(decodeKey(Buffer.alloc(32, 7).toString('base64'))?.length).toBe(32);
    expect(decodeKey('not a key!')).toBeNull();
  });
});
