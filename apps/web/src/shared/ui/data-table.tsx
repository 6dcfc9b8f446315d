import { Table, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';

/** A column header; `{ hidden }` names a column for screen readers only (e.g. the row actions). */
export type Column = string | { hidden: string };

/**
 * The console's list table: one line per row, scrolling sideways (keyboard-focusable) inside its own box
 * when the screen is narrower than `minWidth`, so a phone never scrolls the whole page.
 */
export function DataTable({
  label,
  minWidth,
  columns,
  striped = false,
  children,
}: {
  label?: string;
  minWidth: number;
  columns: Column[];
  striped?: boolean;
  /** The rows (Table.Tr elements). */
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native" tabIndex={0} aria-label={label}>
      <Table striped={striped} highlightOnHover={striped} style={{ whiteSpace: 'nowrap' }}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) =>
              typeof column === 'string' ? (
                <Table.Th key={column}>{column}</Table.Th>
              ) : (
                <Table.Th key={column.hidden}>
                  <VisuallyHidden>{column.hidden}</VisuallyHidden>
                </Table.Th>
              ),
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
