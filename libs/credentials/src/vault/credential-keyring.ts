import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { AppConfig } from '@app/config';

const IV_BYTES = 12;
/** The key id used when CREDENTIALS_KEYS is unset (outside production): derived from ENCRYPTION_KEY. */
export const DERIVED_KEY_ID = 'dev';

/** Parses `k2:<hex>,k1:<hex>` (first = current) into ids and 32-byte keys. */
export function parseCredentialKeys(raw: string): { id: string; key: Buffer }[] {
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id, hex] = entry.split(':');
      return { id, key: Buffer.from(hex, 'hex') };
    });
}

/**
 * AES-256-GCM under a named key: the sealed text starts with the key id, so older keys keep
 * decrypting after a new one becomes current, until `cli credentials rotate` re-seals everything.
 */
@Injectable()
export class CredentialKeyring {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  constructor(config: AppConfig) {
    const configured = config.auth.CREDENTIALS_KEYS?.trim();
    const keys = configured ? parseCredentialKeys(configured) : [{ id: DERIVED_KEY_ID, key: derivedKey(config.auth.ENCRYPTION_KEY) }];
    for (const { id, key } of keys) this.keys.set(id, key);
    this.currentKeyId = keys[0].id;
  }

  /** `<keyId>:<iv>:<tag>:<ciphertext>`, base64 parts. */
  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [this.currentKeyId, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
  }

  open(sealed: string): string {
    const [keyId, iv, tag, data] = sealed.split(':');
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`credential sealed with key "${keyId}", which CREDENTIALS_KEYS no longer holds`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
  }

  keyIdOf(sealed: string): string {
    return sealed.split(':')[0];
  }
}

/** A separate key for the vault, so the vault's ciphertexts are not under the channel-secret key itself. */
function derivedKey(encryptionKey: string): Buffer {
  const raw = /^[0-9a-fA-F]{64}$/.test(encryptionKey) ? Buffer.from(encryptionKey, 'hex') : Buffer.from(encryptionKey, 'base64');
  return Buffer.from(hkdfSync('sha256', raw, Buffer.alloc(0), 'workflow-platform credentials vault', 32));
}
