import { Table } from '@mantine/core';
import { Fragment } from 'react';
import { ERROR_COLOR } from '../expressions/error-color';
import { StatusBadge } from '../../../shared/ui/status-badge';
import type { TestRunStep } from './test-run-state';

export interface TestRunStepsProps {
  steps: Record<string, TestRunStep>;
  /** Node ids in run order: the rows follow it. */
  order: string[];
}

/** Each node the run reached: status, duration, attempts and, when it failed, its error. */
export function TestRunSteps({ steps, order }: TestRunStepsProps) {
  const ids = [...order.filter((id) => steps[id]), ...Object.keys(steps).filter((id) => !order.includes(id))];
  if (!ids.length) return null;
  return (
    <Table aria-label="Test run steps" fz="sm" verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Node</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th ta="right">Time</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {ids.map((id) => {
          const step = steps[id];
          const error = step.error == null ? null : typeof step.error === 'string' ? step.error : JSON.stringify(step.error);
          return (
            <Fragment key={id}>
              <Table.Tr data-testid={`test-run-step-${id}`}>
                <Table.Td style={{ wordBreak: 'break-word' }} ff="monospace">
                  {id}
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={step.status} />
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {step.durationMs != null ? `${step.durationMs} ms` : ''}
                  {step.attempts != null && step.attempts > 1 ? ` · ${step.attempts} attempts` : ''}
                </Table.Td>
              </Table.Tr>
              {error && (
                <Table.Tr data-testid={`test-run-error-${id}`}>
                  <Table.Td colSpan={3} pt={0} c={ERROR_COLOR} fz="xs" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                    {error}
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
