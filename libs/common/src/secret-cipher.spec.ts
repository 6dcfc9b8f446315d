import { loadConfig } from '@app/config';
import { SecretCipher } from './secret-cipher';

describe('SecretCipher', () => {
  const cipher = new SecretCipher(loadConfig({}));

  it('round-trips and never repeats a ciphertext', () => {
    const a = cipher.encrypt('hunter2');
    expect(cipher.decrypt(a)).toBe('hunter2');
    expect(cipher.encrypt('hunter2')).not.toBe(a);
    expect(a).not.toContain('hunter2');
  });

  it('refuses tampered ciphertexts', () => {
    const sealed = cipher.encrypt('secret');
    const parts = sealed.split(':');
    parts[3] = Buffer.from('other').toString('base64');
    expect(() => cipher.decrypt(parts.join(':'))).toThrow();
  });
});
