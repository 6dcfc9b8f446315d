import { PrismaService } from '@app/database';
import { RecipientResolver } from './recipient-resolver.service';

const USER = 'user-1';

function resolverWith(rows: object[]) {
  const findMany = jest.fn(async () => rows);
  const prisma = { notificationSubscription: { findMany } } as unknown as PrismaService;
  return { resolver: new RecipientResolver(prisma), findMany };
}

describe('RecipientResolver.knownNone', () => {
  afterEach(() => jest.restoreAllMocks());

  it('is false until a lookup has answered, then true while the empty answer is cached', async () => {
    const { resolver } = resolverWith([]);
    expect(resolver.knownNone(USER, 'EXECUTION_SUCCEEDED')).toBe(false);
    const asked = resolver.forUser(USER, 'EXECUTION_SUCCEEDED', 'wf');
    expect(resolver.knownNone(USER, 'EXECUTION_SUCCEEDED')).toBe(false);
    await expect(asked).resolves.toEqual([]);
    expect(resolver.knownNone(USER, 'EXECUTION_SUCCEEDED')).toBe(true);
    expect(resolver.knownNone(USER, 'EXECUTION_FAILED')).toBe(false);
  });

  it('is false for a user with a subscription to the event, once forgotten, and once the cache expired', async () => {
    const row = { userId: USER, event: 'EXECUTION_SUCCEEDED', workflowId: null, channelId: 'c1', channel: { type: 'EMAIL' } };
    const subscribed = resolverWith([row]);
    await subscribed.resolver.forUser(USER, 'EXECUTION_SUCCEEDED', 'wf');
    expect(subscribed.resolver.knownNone(USER, 'EXECUTION_SUCCEEDED')).toBe(false);

    const { resolver } = resolverWith([]);
    await resolver.forUser(USER, 'EXECUTION_SUCCEEDED', 'wf');
    resolver.forget(USER);
    expect(resolver.knownNone(USER, 'EXECUTION_SUCCEEDED')).toBe(false);

    await resolver.forUser(USER, 'EXECUTION_SUCCEEDED', 'wf');
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 60_000);
    expect(resolver.knownNone(USER, 'EXECUTION_SUCCEEDED')).toBe(false);
  });
});
