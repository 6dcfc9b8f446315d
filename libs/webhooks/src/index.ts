export { WebhooksModule } from './webhooks.module';
export { SIGNATURE_HEADER, signatureProblem, signWebhook } from './webhook-signature';
