import { scopeCovers } from './api-key-scope';
import { requiredScope } from './api-key-scope.policy';

describe('API key scope policy', () => {
  it.each([
    ['GET', '/workflows', 'read-only'],
    ['HEAD', '/auth/me', 'read-only'],
    ['POST', '/workflows/:id/run', 'run-only'],
    ['POST', '/executions/:id/retry', 'run-only'],
    ['POST', '/executions/:id/cancel', 'full'],
    ['PATCH', '/workflows/:id', 'full'],
    ['POST', '/some/route/added/later', 'full'],
    ['POST', undefined, 'full'],
  ])('%s %s needs %s', (method, route, scope) => expect(requiredScope(method, route)).toBe(scope));

  it('orders scopes read-only < run-only < full', () => {
    expect(scopeCovers('full', 'run-only')).toBe(true);
    expect(scopeCovers('run-only', 'read-only')).toBe(true);
    expect(scopeCovers('run-only', 'full')).toBe(false);
    expect(scopeCovers('read-only', 'run-only')).toBe(false);
  });
});
