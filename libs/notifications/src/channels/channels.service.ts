import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { afterCursor, CURSOR_ORDER, PaginationQueryDto, toPage } from '@app/common';
import { AppConfig, webPushSettings } from '@app/config';
import { NotificationChannel, NotificationChannelType, Prisma, PrismaService } from '@app/database';
import { TargetGuard } from '../delivery/target-guard';
import { toChannelResponse } from './channel.mapper';
import { ChannelSecret, ChannelSecrets } from './channel-secrets';
import { CreateChannelDto } from './dto/create-channel.dto';
import { UpdateChannelDto } from './dto/update-channel.dto';
import { RecipientResolver } from '../dispatch/recipient-resolver.service';

const MAX_CHANNELS_PER_USER = 50;

/** Which fields each channel type takes; the rest are refused rather than silently dropped. */
const FIELDS: Record<NotificationChannelType, (keyof ChannelFields)[]> = {
  IN_APP: [],
  EMAIL: ['email'],
  SLACK: ['url'],
  WEBHOOK: ['url', 'secret'],
  PUSH: [],
};

interface ChannelFields {
  email?: string;
  url?: string;
  secret?: string;
}

interface Settings {
  config: Record<string, string>;
  secret: ChannelSecret;
}

/** A user's delivery channels. Secrets (Slack URL, webhook signing key) are sealed and write-only. */
@Injectable()
export class ChannelsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly secrets: ChannelSecrets,
    private readonly guard: TargetGuard,
    private readonly config: AppConfig,
    private readonly recipients: RecipientResolver,
  ) {}

  async create(userId: string, dto: CreateChannelDto) {
    if ((await this.prisma.notificationChannel.count({ where: { userId } })) >= MAX_CHANNELS_PER_USER)
      throw new BadRequestException(`A user may have at most ${MAX_CHANNELS_PER_USER} notification channels`);
    const push = webPushSettings(this.config);
    if (dto.type === 'PUSH' && !push.enabled) throw new BadRequestException(push.reason);
    const { config, secret } = this.settings(dto.type, dto, { config: {}, secret: {} });
    const channel = await this.prisma.notificationChannel.create({
      data: { userId, type: dto.type, name: dto.name, enabled: dto.enabled ?? true, config, encryptedSecret: this.secrets.seal(secret) },
    });
    return toChannelResponse(channel);
  }

  async list(userId: string, query: PaginationQueryDto) {
    const limit = query.limit ?? 20;
    const rows = await this.prisma.notificationChannel.findMany({
      where: { userId, ...afterCursor(query.cursor) },
      orderBy: CURSOR_ORDER,
      take: limit + 1,
    });
    return toPage(rows, limit, toChannelResponse);
  }

  async get(userId: string, id: string) {
    return toChannelResponse(await this.owned(userId, id));
  }

  async update(userId: string, id: string, dto: UpdateChannelDto) {
    const channel = await this.owned(userId, id);
    const changesSettings = dto.email !== undefined || dto.url !== undefined || dto.secret !== undefined;
    const next = changesSettings
      ? this.settings(channel.type, dto, { config: channel.config as Record<string, string>, secret: this.currentSecret(channel) })
      : undefined;
    const updated = await this.prisma.notificationChannel.update({
      where: { id },
      data: {
        name: dto.name,
        enabled: dto.enabled,
        ...(next ? { config: next.config, encryptedSecret: this.secrets.seal(next.secret) } : {}),
      },
    });
    this.recipients.forget(userId);
    return toChannelResponse(updated);
  }

  /** Past notifications stay in the history (their channelId becomes null); subscriptions go with it. */
  async remove(userId: string, id: string): Promise<void> {
    await this.owned(userId, id);
    await this.prisma.notificationChannel.delete({ where: { id } });
    this.recipients.forget(userId);
  }

  async owned(userId: string, id: string, tx: Prisma.TransactionClient = this.prisma): Promise<NotificationChannel> {
    const channel = await tx.notificationChannel.findFirst({ where: { id, userId } });
    if (!channel) throw new NotFoundException(`Notification channel ${id} not found`);
    return channel;
  }

  /** The channel's stored config and secret after applying the given fields (create: all required ones). */
  private settings(type: NotificationChannelType, fields: ChannelFields, base: Settings): Settings {
    const allowed = FIELDS[type];
    const extra = (Object.keys(fields) as (keyof ChannelFields)[]).filter(
      (key) => ['email', 'url', 'secret'].includes(key) && fields[key] !== undefined && !allowed.includes(key),
    );
    if (extra.length)
      throw new BadRequestException(`${extra.join(', ')} ${extra.length > 1 ? 'do' : 'does'} not apply to ${type} channels`);
    const config = { ...base.config };
    const secret = { ...base.secret };
    if (fields.email !== undefined) config.email = fields.email.toLowerCase();
    if (fields.url !== undefined) {
      this.checkUrl(fields.url);
      if (type === 'SLACK') secret.url = fields.url;
      else config.url = fields.url;
    }
    if (fields.secret !== undefined) secret.signingSecret = fields.secret;
    return { config, secret };
  }

  /** An undecryptable secret (ENCRYPTION_KEY replaced) must not block setting a new one. */
  private currentSecret(channel: NotificationChannel): ChannelSecret {
    try {
      return this.secrets.open(channel.encryptedSecret);
    } catch {
      return {};
    }
  }

  private checkUrl(url: string): void {
    const refusal = this.guard.urlRefusal(url);
    if (refusal) throw new BadRequestException(`url: ${refusal}`);
    if (this.config.isProduction && !url.startsWith('https://')) throw new BadRequestException('url must use https');
  }
}
