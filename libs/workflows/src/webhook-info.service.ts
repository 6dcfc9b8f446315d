import { Injectable } from '@nestjs/common';
import { SecretCipher } from '@app/common';
import { AppConfig, publicBaseUrl } from '@app/config';
import { WorkflowsService } from './workflows.service';

@Injectable()
export class WebhookInfoService {
  constructor(
    private readonly workflows: WorkflowsService,
    private readonly cipher: SecretCipher,
    private readonly config: AppConfig,
  ) {}

  async describe(userId: string, workflowId: string) {
    const webhook = await this.workflows.webhook(userId, workflowId);
    return {
      path: webhook.path,
      url: `${publicBaseUrl(this.config)}/webhook/${webhook.path}`,
      method: webhook.method,
      mode: webhook.mode.toLowerCase(),
      active: webhook.active,
      signingSecret: webhook.hmacSecret ? this.cipher.decrypt(webhook.hmacSecret) : null,
      signatureHeader: webhook.hmacSecret ? 'X-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">' : null,
    };
  }
}
