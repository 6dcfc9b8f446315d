import { Box, Table, Text, VisuallyHidden } from '@mantine/core';
import { Fragment, useMemo } from 'react';
import { type DiffLine, foldUnchanged, prettyJson, sideBySide } from '../model/side-by-side';

export interface SideBySideDiffProps {
  before: { label: string; definition: unknown };
  after: { label: string; definition: unknown };
}

const BACKGROUND: Record<DiffLine['kind'], string | undefined> = {
  removed: 'var(--mantine-color-red-light)',
  added: 'var(--mantine-color-green-light)',
  empty: 'var(--mantine-color-default-hover)',
  same: undefined,
};
const SPOKEN: Partial<Record<DiffLine['kind'], string>> = { removed: 'removed: ', added: 'added: ' };
const CODE = { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12, whiteSpace: 'pre' } as const;

function Half({ line, side }: { line: DiffLine; side: 'left' | 'right' }) {
  return (
    <>
      <Table.Td ta="right" w={44} style={{ ...CODE, userSelect: 'none', background: BACKGROUND[line.kind] }}>
        {line.number ?? ''}
      </Table.Td>
      <Table.Td
        data-kind={line.kind}
        data-side={side}
        style={{
          ...CODE,
          background: BACKGROUND[line.kind],
          borderRight: side === 'left' ? '1px solid var(--mantine-color-default-border)' : undefined,
        }}
      >
        {SPOKEN[line.kind] && <VisuallyHidden>{SPOKEN[line.kind]}</VisuallyHidden>}
        {line.text}
      </Table.Td>
    </>
  );
}

/** Pretty JSON of two versions side by side, changed lines highlighted, long unchanged stretches folded. */
export function SideBySideDiff({ before, after }: SideBySideDiffProps) {
  const rows = useMemo(
    () => foldUnchanged(sideBySide(prettyJson(before.definition), prettyJson(after.definition))),
    [before.definition, after.definition],
  );
  const identical = rows.every((row) => 'fold' in row || row.left.kind === 'same');
  return (
    <Table.ScrollContainer minWidth={720} type="native" tabIndex={0}>
      <Table verticalSpacing={0} horizontalSpacing={6} withTableBorder data-testid="version-diff" style={{ tableLayout: 'fixed' }}>
        <caption style={{ captionSide: 'top', textAlign: 'left', padding: '4px 0' }}>
          <Text size="sm">
            {before.label} (left) compared with {after.label} (right){identical ? ': identical' : ''}
          </Text>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={44}>
              <VisuallyHidden>Line</VisuallyHidden>
            </Table.Th>
            <Table.Th>{before.label}</Table.Th>
            <Table.Th w={44}>
              <VisuallyHidden>Line</VisuallyHidden>
            </Table.Th>
            <Table.Th>{after.label}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, i) =>
            'fold' in row ? (
              <Table.Tr key={i}>
                <Table.Td colSpan={4}>
                  <Box ta="center" fz="xs">
                    ⋯ {row.fold} unchanged {row.fold === 1 ? 'line' : 'lines'}
                  </Box>
                </Table.Td>
              </Table.Tr>
            ) : (
              <Fragment key={i}>
                <Table.Tr>
                  <Half line={row.left} side="left" />
                  <Half line={row.right} side="right" />
                </Table.Tr>
              </Fragment>
            ),
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
