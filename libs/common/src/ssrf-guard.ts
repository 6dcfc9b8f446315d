import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { isIP, LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Address ranges user-chosen URLs must not reach by default: loopback, private, link-local (cloud metadata), … */
const BLOCKED_RANGES = new Set([
  'unspecified',
  'broadcast',
  'multicast',
  'linkLocal',
  'loopback',
  'private',
  'uniqueLocal',
  'carrierGradeNat',
  'reserved',
  'ipv4Mapped',
  'rfc6145',
  'rfc6052',
  '6to4',
  'teredo',
]);

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * SSRF policy for URLs that users choose (the http.request node, notification channels): refuses
 * non-public addresses unless the allow list (hosts, IPs or CIDRs) names them.
 */
export class SsrfGuard {
  private readonly allowedHosts: Set<string>;
  private readonly allowedRanges: Range[];

  /** `who` and `allowVariable` only word the refusal, e.g. "workflows" / "HTTP_NODE_ALLOWED_HOSTS". */
  constructor(
    allowList: string[],
    private readonly who: string,
    private readonly allowVariable: string,
  ) {
    this.allowedHosts = new Set(allowList.filter((entry) => !entry.includes('/') && !isIP(entry)).map((h) => h.toLowerCase()));
    this.allowedRanges = allowList.filter((entry) => entry.includes('/') || isIP(entry)).map(toRange);
  }

  /** Why this URL may not be contacted, judged without DNS (scheme, literal addresses), or null. */
  urlRefusal(raw: string | URL): string | null {
    const url = typeof raw === 'string' ? new URL(raw) : raw;
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
    return BLOCKED_RANGES.has(range)
      ? `${hostname} resolves to ${address} (${range}), which ${this.who} may not reach (${this.allowVariable} allows it)`
      : null;
  }

  /**
   * A DNS lookup that refuses blocked addresses at connect time, so a name cannot pass a check and
   * then resolve elsewhere (DNS rebinding): the socket connects only to the address checked here.
   */
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
