import { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Server } from 'node:http';
import request from 'supertest';
import { AuthCache } from '@app/auth';
import { PrismaClient, PrismaService, UserRole, UserTier } from '@app/database';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface RegisteredUser {
  user: { id: string; email: string; name: string; role: UserRole; tier: UserTier };
  accessToken: string;
  authHeader: { Authorization: string };
  email: string;
  password: string;
}

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(6).toString('hex')}@example.com`;
}

/** Registers a fresh user through POST /auth/register (unique email unless given). */
export async function registerUser(
  server: Server,
  overrides: { email?: string; password?: string; name?: string } = {},
): Promise<RegisteredUser> {
  const body = { email: uniqueEmail(), password: TEST_PASSWORD, name: 'Test User', ...overrides };
  const res = await request(server).post('/auth/register').send(body);
  if (res.status !== 201) throw new Error(`registerUser: ${res.status} ${JSON.stringify(res.body)}`);
  const { user, accessToken } = res.body as { user: RegisteredUser['user']; accessToken: string };
  return { user, accessToken, authHeader: bearer(accessToken), email: body.email, password: body.password };
}

export function bearer(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}

/** Creates an API key for the user through POST /auth/api-keys; `key` is the secret. */
export async function createApiKey(
  server: Server,
  authHeader: { Authorization: string },
  body: { name?: string; expiresInDays?: number; expiresAt?: string; scope?: string } = {},
): Promise<{ id: string; name: string; prefix: string; key: string; scope: string; createdAt: string; expiresAt: string | null }> {
  const res = await request(server)
    .post('/auth/api-keys')
    .set(authHeader)
    .send({ name: 'test key', ...body });
  if (res.status !== 201) throw new Error(`createApiKey: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

type AppOrPrisma = INestApplicationContext | PrismaClient;

/**
 * Role ADMIN + tier ADMIN, written straight to the database. Pass the app (not only its
 * PrismaService) when the user has already made authenticated requests: the app also drops the
 * user from the auth cache, which would otherwise serve the old role for up to AUTH_CACHE_TTL_MS.
 */
export async function makeAdmin(target: AppOrPrisma, userId: string): Promise<void> {
  await updateUser(target, userId, { role: 'ADMIN', tier: 'ADMIN' });
}

/** Sets a user's tier straight in the database (see makeAdmin about the cache). */
export async function setUserTier(target: AppOrPrisma, userId: string, tier: UserTier): Promise<void> {
  await updateUser(target, userId, { tier });
}

async function updateUser(
  target: AppOrPrisma,
  userId: string,
  data: { role?: UserRole; tier?: UserTier; disabledAt?: Date | null },
): Promise<void> {
  if ('$transaction' in target) {
    await target.user.update({ where: { id: userId }, data });
    return;
  }
  await target.get(PrismaService).user.update({ where: { id: userId }, data });
  target.get(AuthCache).forgetUser(userId);
}

/** Disables (or re-enables) a user straight in the database. */
export async function setUserDisabled(target: AppOrPrisma, userId: string, disabled = true): Promise<void> {
  await updateUser(target, userId, { disabledAt: disabled ? new Date() : null });
}
