import { AlertRule } from '@app/database';
import { alertMessage, executionMessage } from './notification-content';

describe('notification content', () => {
  const finished = { executionId: 'e1', workflowId: 'w1', userId: 'u1', trigger: 'MANUAL' as const, durationMs: 1_500, error: 'boom' };

  it('describes a failed execution with its error and a dedup occurrence of the execution id', () => {
    const message = executionMessage('EXECUTION_FAILED', { ...finished, status: 'FAILED' }, 'Nightly sync');
    expect(message).toMatchObject({ occurrence: 'e1', title: 'Workflow "Nightly sync" failed' });
    expect(message.body).toBe('Execution e1 (manual trigger) failed after 1.5 s: boom');
  });

  it('says timed out for TIMED_OUT and keeps titles to one bounded line', () => {
    expect(executionMessage('EXECUTION_FAILED', { ...finished, status: 'TIMED_OUT' }, 'x'.repeat(400)).title.length).toBe(300);
    expect(executionMessage('EXECUTION_FAILED', { ...finished, status: 'TIMED_OUT' }, 'a\r\nBcc: x@example.com').title).toBe(
      'Workflow "a Bcc: x@example.com" timed out',
    );
  });

  it('names the alert, its value and threshold; each firing is its own occurrence', () => {
    const rule = {
      id: 'r1',
      name: 'Too many failures',
      metric: 'EXECUTION_FAILURE_RATE',
      comparator: 'GTE',
      threshold: 0.5,
      windowSeconds: 300,
      cooldownSeconds: 600,
      workflowId: null,
    } as AlertRule;
    const message = alertMessage(rule, 2 / 3, new Date(1_000));
    expect(message.occurrence).toBe('r1:1000');
    expect(message.body).toContain('execution failure rate is 0.667 over the last 300 s (threshold >= 0.5)');
  });
});
