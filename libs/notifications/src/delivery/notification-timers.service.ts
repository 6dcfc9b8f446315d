import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@app/config';
import { RedisService } from '@app/redis';
import { AlertEvaluator } from '../alerts/alert-evaluator.service';
import { errorMessage } from '@app/common';
import { NotificationSweeper } from './notification-sweeper.service';

/**
 * The periodic work of a worker process: sweeping unqueued notifications and evaluating alert rules.
 * Plain timers rather than BullMQ job schedulers, which a Redis restarted without persistence forgets:
 * the sweeper must run precisely after such an outage. Alert evaluation runs once per interval across
 * replicas (a Redis lock); without Redis every replica evaluates and the rule's atomic cooldown claim
 * still lets only one of them fire.
 */
@Injectable()
export class NotificationTimers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NotificationTimers.name);
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly config: AppConfig,
    private readonly redis: RedisService,
    private readonly sweeper: NotificationSweeper,
    private readonly evaluator: AlertEvaluator,
  ) {}

  onApplicationBootstrap(): void {
    const { NOTIFICATION_SWEEP_INTERVAL_MS, ALERT_EVALUATION_INTERVAL_SECONDS } = this.config.notification;
    this.every('sweep', NOTIFICATION_SWEEP_INTERVAL_MS, () => this.sweeper.sweep());
    this.every('alerts', ALERT_EVALUATION_INTERVAL_SECONDS * 1_000, () => this.evaluateAlerts());
  }

  async onModuleDestroy(): Promise<void> {
    this.timers.forEach((timer) => clearInterval(timer));
    await Promise.allSettled([...this.running.values()]);
  }

  private every(name: string, ms: number, work: () => Promise<unknown>): void {
    const tick = () => {
      if (this.running.has(name)) return; // a slow run is not overlapped by the next tick
      const run = work()
        .then(() => undefined)
        .catch((error) => this.logger.warn({ task: name, err: errorMessage(error) }, 'Periodic notification task failed'))
        .finally(() => this.running.delete(name));
      this.running.set(name, run);
    };
    const timer = setInterval(tick, ms);
    timer.unref();
    this.timers.push(timer);
  }

  private async evaluateAlerts(): Promise<void> {
    if (!(await this.takeSlot())) return;
    await this.evaluator.evaluateAll();
  }

  /** True when this process should evaluate this interval (or Redis cannot tell). */
  private async takeSlot(): Promise<boolean> {
    const ttl = Math.max(500, this.config.notification.ALERT_EVALUATION_INTERVAL_SECONDS * 1_000 - 250);
    try {
      return (await this.redis.client.set(`${this.redis.keyPrefix}notifications:alerts:slot`, randomUUID(), 'PX', ttl, 'NX')) === 'OK';
    } catch (error) {
      this.logger.debug({ err: errorMessage(error) }, 'Alert slot lock unavailable; evaluating anyway');
      return true;
    }
  }
}
