import { Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { RedisService } from '@app/redis';
import { ExecutionUpdate, executionUpdatesChannel, UserExecutionUpdate, userExecutionUpdatesChannel } from './execution-update';

export interface ExecutionWatcher<T = ExecutionUpdate> {
  onUpdate(update: T): void;
  /** The subscription was (re)established after an outage: updates may have been missed. */
  onResync(): void;
}

/**
 * One Redis subscriber connection per process, shared by every live stream: a channel is subscribed
 * while at least one watcher follows that execution. Created on first use, so processes that never
 * stream open no connection.
 */
@Injectable()
export class ExecutionUpdatesSubscriber {
  private readonly logger = new Logger(ExecutionUpdatesSubscriber.name);
  private readonly watchers = new Map<string, Set<ExecutionWatcher<unknown>>>();
  private readonly subscribed = new Map<string, Promise<unknown>>();
  private client?: Redis;

  constructor(private readonly redis: RedisService) {}

  /**
   * Resolves once the channel is subscribed (or after timeoutMs during a Redis outage: the watcher then
   * gets onResync when the connection is back). Returns the function that stops watching. The owner's
   * channel is followed too, silently: the publisher sends an execution's own update only when its
   * owner's summary found a listener (see ExecutionUpdatesPublisher).
   */
  async watch(executionId: string, ownerId: string, watcher: ExecutionWatcher, timeoutMs: number): Promise<() => void> {
    const owner = this.watchUser(ownerId, { onUpdate: () => undefined, onResync: () => undefined }, timeoutMs);
    const execution = this.watchChannel(
      executionUpdatesChannel(this.redis.keyPrefix, executionId),
      watcher as ExecutionWatcher<unknown>,
      timeoutMs,
    );
    const unwatch = await Promise.all([owner, execution]);
    return () => unwatch.forEach((stop) => stop());
  }

  /** Every execution of one user: created, status changed, finished (see ExecutionUpdatesPublisher). */
  watchUser(userId: string, watcher: ExecutionWatcher<UserExecutionUpdate>, timeoutMs: number): Promise<() => void> {
    return this.watchChannel(userExecutionUpdatesChannel(this.redis.keyPrefix, userId), watcher as ExecutionWatcher<unknown>, timeoutMs);
  }

  /** Any channel of this app's pub/sub on the same shared connection (the inbox stream follows its own). */
  async watchChannel(channel: string, watcher: ExecutionWatcher<unknown>, timeoutMs: number): Promise<() => void> {
    const client = this.connection();
    const set = this.watchers.get(channel) ?? this.watchers.set(channel, new Set()).get(channel)!;
    set.add(watcher);
    if (!this.subscribed.has(channel))
      this.subscribed.set(
        channel,
        client
          .subscribe(channel)
          .catch((error: Error) => this.logger.warn({ err: error.message }, 'Could not subscribe to execution updates')),
      );
    const subscribed = this.subscribed.get(channel)!.then(() => true);
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([
      subscribed,
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    // Updates committed before a late subscription were missed: the watcher reads again once it is in.
    if (!inTime) void subscribed.then(() => set.has(watcher) && watcher.onResync());
    return () => {
      set.delete(watcher);
      if (set.size || this.watchers.get(channel) !== set) return;
      this.watchers.delete(channel);
      this.subscribed.delete(channel);
      client.unsubscribe(channel).catch(() => undefined);
    };
  }

  private connection(): Redis {
    if (this.client) return this.client;
    // 'blocking' options: commands wait for a reconnect instead of failing, and ioredis resubscribes.
    const client = this.redis.createClient('blocking', 'execution-updates');
    let connectedBefore = false;
    client.on('ready', () => {
      if (connectedBefore) for (const set of this.watchers.values()) for (const w of set) w.onResync();
      connectedBefore = true;
    });
    client.on('message', (channel: string, message: string) => {
      const set = this.watchers.get(channel);
      if (!set) return;
      let update: unknown;
      try {
        update = JSON.parse(message);
      } catch {
        update = { changed: true };
      }
      for (const w of set) w.onUpdate(update);
    });
    this.client = client;
    return client;
  }
}
