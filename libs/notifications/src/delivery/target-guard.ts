import { Injectable } from '@nestjs/common';
import { SsrfGuard } from '@app/common';
import { AppConfig } from '@app/config';

/**
 * Slack and webhook channels POST to URLs that users choose, so the server must not be made to reach
 * its own network: the same policy as the http.request node, with NOTIFICATION_ALLOWED_HOSTS as the
 * exception list.
 */
@Injectable()
export class TargetGuard extends SsrfGuard {
  constructor(config: AppConfig) {
    super(config.notification.NOTIFICATION_ALLOWED_HOSTS, 'notification channels', 'NOTIFICATION_ALLOWED_HOSTS');
  }
}
