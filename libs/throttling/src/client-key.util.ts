import ipaddr from 'ipaddr.js';

/** Who is counted: the caller's IP (as Fastify resolved it under TRUST_PROXY), plus the user and a scope when known. */
export interface RateLimitSubject {
  ip?: string;
  userId?: string;
  /** Narrows the count to one thing, e.g. a webhook path. */
  scope?: string;
}

/**
 * An IPv4 address as is; IPv6 by its /64 network (one host usually owns the whole /64, so counting
 * single addresses would let it rotate past any limit); IPv4-mapped IPv6 as the IPv4 address.
 */
export function clientKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  if (!ip.includes(':')) return ip;
  try {
    const address = ipaddr.parse(ip);
    if (address.kind() === 'ipv4') return address.toString();
    const v6 = address as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
    return `${v6.parts
      .slice(0, 4)
      .map((part) => part.toString(16))
      .join(':')}::/64`;
  } catch {
    return ip;
  }
}

/** `user:ip` for an authenticated caller, `ip` otherwise; a scope goes first (`path@ip`). */
export function trackerOf(subject: RateLimitSubject): string {
  const who = subject.userId ? `${subject.userId}:${clientKey(subject.ip)}` : clientKey(subject.ip);
  return subject.scope ? `${subject.scope}@${who}` : who;
}
