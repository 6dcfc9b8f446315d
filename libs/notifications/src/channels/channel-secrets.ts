import { Injectable } from '@nestjs/common';
import { SecretCipher } from '@app/common';

/** What a channel keeps encrypted: the Slack incoming-webhook URL, the webhook signing secret. */
export interface ChannelSecret {
  url?: string;
  signingSecret?: string;
}

/** Seals channel secrets with ENCRYPTION_KEY (AES-256-GCM); they are never returned by the API. */
@Injectable()
export class ChannelSecrets {
  constructor(private readonly cipher: SecretCipher) {}

  seal(secret: ChannelSecret): string | null {
    return Object.keys(secret).length ? this.cipher.encrypt(JSON.stringify(secret)) : null;
  }

  open(sealed: string | null): ChannelSecret {
    if (!sealed) return {};
    try {
      return JSON.parse(this.cipher.decrypt(sealed)) as ChannelSecret;
    } catch {
      throw new Error('The channel secret cannot be decrypted (was ENCRYPTION_KEY changed?); set it again with PATCH');
    }
  }
}
