export * from './webhooks.module';
export * from './webhook-signature';
