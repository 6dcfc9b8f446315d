import { IncomingMessage } from 'node:http';
import { pathOf } from './log-format';

describe('pathOf (the path request log lines show)', () => {
  const req = (url: string) => ({ url }) as IncomingMessage;

  it('drops the query string', () => expect(pathOf(req('/executions?status=FAILED'))).toBe('/executions'));

  it('never shows a callback token, which is the credential of its URL', () => {
    const token = 'k3Jd9_x-'.repeat(5) + 'abc';
    expect(pathOf(req(`/callbacks/${token}`))).toBe('/callbacks/[redacted]');
    expect(pathOf(req(`/callbacks/${token}?x=1`))).toBe('/callbacks/[redacted]');
  });
});
