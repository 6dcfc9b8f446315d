import { Injectable } from '@nestjs/common';
import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { isIP, LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { AppConfig } from '@app/config';

/** Loopback, private, link-local (cloud metadata) and other non-public ranges, refused by default. */
const BLOCKED_RANGES = new Set(['unspecified', 'broadcast', 'multicast', 'linkLocal', 'loopback', 'private', 'uniqueLocal', 'carrierGradeNat', 'reserved', 'ipv4Mapped', 'rfc6145', 'rfc6052', '6to4', 'teredo']);

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Slack and webhook channels POST to URLs that users choose, so the server must not be made to reach
 * its own network (SSRF): the same policy as the http.request node, with NOTIFICATION_ALLOWED_HOSTS as
 * the exception list. The lookup refuses at connect time, so a name cannot pass a check and then
 * resolve to an internal address (DNS rebinding).
 */
@Injectable()
export class TargetGuard {
  private readonly allowedHosts: Set<string>;
  private readonly allowedRanges: Range[];

  constructor(config: AppConfig) {
    const allowList = config.notification.NOTIFICATION_ALLOWED_HOSTS;
    this.allowedHosts = new Set(allowList.filter((entry) => !entry.includes('/') && !isIP(entry)).map((h) => h.toLowerCase()));
    this.allowedRanges = allowList.filter((entry) => entry.includes('/') || isIP(entry)).map(toRange);
  }

  /** Why this URL may not be contacted, judged without DNS (scheme, literal addresses), or null. */
  urlRefusal(raw: string): string | null {
    const url = new URL(raw);
    if (!['http:', 'https:'].includes(url.protocol)) return `only http and https URLs are allowed (got ${url.protocol})`;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    return isIP(host) ? this.refusal(host, host) : null;
  }

  /** Why this resolved address is refused, or null when it may be contacted. */
  refusal(address: string, hostname: string): string | null {
    if (this.allowedHosts.has(hostname.toLowerCase())) return null;
    let ip = ipaddr.parse(address);
    if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
    if (this.allowedRanges.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits))) return null;
    const range = ip.range();
    return BLOCKED_RANGES.has(range) ? `${hostname} resolves to ${address} (${range}), which notification channels may not reach (NOTIFICATION_ALLOWED_HOSTS allows it)` : null;
  }

  readonly lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as LookupAddress[];
      const refused = list.map((a) => this.refusal(a.address, hostname)).find(Boolean);
      if (refused) return callback(Object.assign(new Error(refused), { code: 'ESSRF' }), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

function toRange(entry: string): Range {
  if (entry.includes('/')) return ipaddr.parseCIDR(entry);
  const ip = ipaddr.parse(entry);
  return [ip, ip.kind() === 'ipv4' ? 32 : 128];
}
