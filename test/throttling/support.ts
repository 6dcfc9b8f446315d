import { Server } from 'node:http';
import request from 'supertest';
import { TEST_PASSWORD, uniqueEmail } from '../support/auth';

let nextHost = 1;

/** A fresh client address per call (apps under test trust 127.0.0.1 as a proxy, so X-Forwarded-For counts). */
export function freshIp(): string {
  const n = nextHost++;
  return `198.51.${(n >> 8) & 255}.${n & 255}`;
}

export const from = (ip: string) => ({ 'X-Forwarded-For': ip });

export interface LimitedUser {
  id: string;
  auth: { Authorization: string };
  email: string;
}

/** Registers through the API from the given client address (auth limiter counts per address). */
export async function registerFrom(server: Server, ip: string): Promise<LimitedUser> {
  const email = uniqueEmail('rl');
  const res = await request(server).post('/auth/register').set(from(ip)).send({ email, password: TEST_PASSWORD, name: 'Rate Limited' });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.user.id, auth: { Authorization: `Bearer ${res.body.accessToken}` }, email };
}

export const rateHeaders = (res: { headers: Record<string, string> }) => ({
  limit: res.headers['ratelimit-limit'],
  remaining: res.headers['ratelimit-remaining'],
  reset: res.headers['ratelimit-reset'],
  retryAfter: res.headers['retry-after'],
});
