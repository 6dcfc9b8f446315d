import type { ErrorEvent } from '@sentry/react';
import { REDACTED, scrubBreadcrumb, scrubEvent, scrubUrl } from './sentry-scrub';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl';

describe('browser Sentry scrubbing', () => {
  it('drops bodies, cookies and secret headers, redacts token-like query values and keeps the rest', () => {
    const event = scrubEvent({
      type: undefined,
      request: {
        url: 'https://console.example.com/app/workflows?access_token=abc&tag=x&code=123',
        data: '{"password":"hunter2"}',
        cookies: { wp_refresh: 'r' },
        headers: { Authorization: `Bearer ${JWT}`, 'User-Agent': 'Chrome', Cookie: 'a=b' },
      },
      user: { id: 'u1', email: 'a@example.com', ip_address: '1.2.3.4' },
    } as ErrorEvent);
    expect(event.request).toEqual({
      url: `https://console.example.com/app/workflows?access_token=${REDACTED}&tag=x&code=${REDACTED}`,
      headers: { 'User-Agent': 'Chrome' },
    });
    expect(event.user).toEqual({ id: 'u1' });
  });

  it('redacts tokens inside messages, exception values, extra data and breadcrumbs', () => {
    const event = scrubEvent({
      type: undefined,
      message: `failed with token=${JWT}`,
      exception: { values: [{ type: 'Error', value: `Bearer ${JWT} rejected` }] },
      extra: { apiKey: 'wp_123', nested: { note: `saw ${JWT}` } },
      breadcrumbs: [{ category: 'fetch', data: { url: '/auth/refresh?refresh_token=zzz', method: 'POST' } }],
    } as ErrorEvent);
    const text = JSON.stringify(event);
    expect(text).not.toContain(JWT);
    expect(text).not.toContain('wp_123');
    expect(text).not.toContain('zzz');
    expect(event.breadcrumbs?.[0].data).toEqual({ url: `/auth/refresh?refresh_token=${REDACTED}`, method: 'POST' });
  });

  it('leaves ordinary URLs and breadcrumbs alone', () => {
    expect(scrubUrl('/app/executions?status=FAILED&cursor=abc')).toBe('/app/executions?status=FAILED&cursor=abc');
    expect(scrubBreadcrumb({ category: 'navigation', message: 'to /app/workflows' })).toEqual({
      category: 'navigation',
      message: 'to /app/workflows',
      data: undefined,
    });
  });
});
