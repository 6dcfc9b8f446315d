import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { afterCursor, CURSOR_ORDER, PaginationQueryDto, toPage } from '@app/common';
import { AppConfig, webPushSettings } from '@app/config';
import { PrismaService, PushSubscription } from '@app/database';
import { TargetGuard } from '../delivery/target-guard';
import { RegisterPushSubscriptionDto } from './dto/register-push-subscription.dto';
import { pushEndpointRefusal } from './push-endpoint.util';

const MAX_DEVICES_PER_USER = 50;
const USER_AGENT_MAX = 500;

export function toPushSubscriptionResponse(s: PushSubscription) {
  return {
    id: s.id,
    endpoint: s.endpoint,
    deviceName: s.deviceName,
    userAgent: s.userAgent,
    createdAt: s.createdAt,
    lastSuccessAt: s.lastSuccessAt,
  };
}

/** The browsers (devices) a user enabled push notifications on; PUSH channels deliver to all of them. */
@Injectable()
export class PushSubscriptionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
    private readonly guard: TargetGuard,
  ) {}

  /** The VAPID public key browsers subscribe with; 404 when this server does not do Web Push. */
  publicKey(): { publicKey: string } {
    return { publicKey: this.settings().publicKey };
  }

  /**
   * Idempotent per endpoint: a browser subscribing again updates its keys. An endpoint registered by
   * another user moves to this one — the browser now belongs to whoever signed in on it, and the
   * previous user's notifications must not reach it.
   */
  async register(userId: string, dto: RegisterPushSubscriptionDto, userAgent: string | undefined) {
    this.settings();
    const refusal = pushEndpointRefusal(dto.endpoint, this.config.isProduction, this.guard);
    if (refusal) throw new BadRequestException(refusal);
    checkKey('keys.p256dh', dto.keys.p256dh, 65);
    checkKey('keys.auth', dto.keys.auth, 16);
    const existing = await this.prisma.pushSubscription.findUnique({ where: { endpoint: dto.endpoint }, select: { userId: true } });
    if (existing?.userId !== userId && (await this.prisma.pushSubscription.count({ where: { userId } })) >= MAX_DEVICES_PER_USER)
      throw new BadRequestException(`A user may have at most ${MAX_DEVICES_PER_USER} push subscriptions; delete unused ones`);
    const fields = {
      userId,
      p256dh: dto.keys.p256dh,
      auth: dto.keys.auth,
      userAgent: userAgent?.slice(0, USER_AGENT_MAX) ?? null,
      ...(dto.deviceName !== undefined ? { deviceName: dto.deviceName } : {}),
    };
    const subscription = await this.prisma.pushSubscription.upsert({
      where: { endpoint: dto.endpoint },
      create: { endpoint: dto.endpoint, ...fields },
      update: existing?.userId === userId ? fields : { ...fields, deviceName: dto.deviceName ?? null, lastSuccessAt: null },
    });
    return toPushSubscriptionResponse(subscription);
  }

  async list(userId: string, query: PaginationQueryDto) {
    const limit = query.limit ?? 20;
    const rows = await this.prisma.pushSubscription.findMany({
      where: { userId, ...afterCursor(query.cursor) },
      orderBy: CURSOR_ORDER,
      take: limit + 1,
    });
    return toPage(rows, limit, toPushSubscriptionResponse);
  }

  async remove(userId: string, id: string): Promise<void> {
    const { count } = await this.prisma.pushSubscription.deleteMany({ where: { id, userId } });
    if (!count) throw new NotFoundException(`Push subscription ${id} not found`);
  }

  /** Every device of the user, for a delivery. */
  forUser(userId: string): Promise<PushSubscription[]> {
    return this.prisma.pushSubscription.findMany({ where: { userId }, orderBy: { createdAt: 'asc' } });
  }

  async delivered(id: string): Promise<void> {
    await this.prisma.pushSubscription.updateMany({ where: { id }, data: { lastSuccessAt: new Date() } });
  }

  /** The push service said the subscription is gone (404/410): the browser unsubscribed or expired it. */
  async expired(id: string): Promise<void> {
    await this.prisma.pushSubscription.deleteMany({ where: { id } });
  }

  private settings() {
    const settings = webPushSettings(this.config);
    if (!settings.enabled) throw new NotFoundException(settings.reason);
    return settings;
  }
}

function checkKey(name: string, value: string, bytes: number): void {
  const decoded = /^[A-Za-z0-9_-]+={0,2}$/.test(value) ? Buffer.from(value, 'base64url') : null;
  if (!decoded || decoded.length !== bytes) throw new BadRequestException(`${name} must be base64url of ${bytes} bytes`);
}
