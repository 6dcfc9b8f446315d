import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';

/** A table row's Edit and Delete buttons, named after the row for screen readers. */
export function EditDeleteButtons({
  name,
  onEdit,
  onDelete,
  deleting,
  children,
}: {
  name: string;
  onEdit: () => void;
  onDelete: () => void;
  deleting: boolean;
  /** More row actions, shown before Edit. */
  children?: ReactNode;
}) {
  return (
    <Group gap="xs" wrap="nowrap">
      {children}
      <Button size="xs" variant="default" onClick={onEdit} aria-label={`Edit ${name}`}>
        Edit
      </Button>
      <Button size="xs" color="red" variant="outline" onClick={onDelete} loading={deleting} aria-label={`Delete ${name}`}>
        Delete
      </Button>
    </Group>
  );
}
