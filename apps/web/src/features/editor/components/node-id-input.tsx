import { TextInput } from '@mantine/core';
import { useState } from 'react';

const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,99}$/;

export interface NodeIdInputProps {
  id: string;
  taken: (id: string) => boolean;
  onRename(to: string): void;
}

/** The node id, renamed on blur or Enter (edges follow); refused while it is not a valid, unused id. */
export function NodeIdInput({ id, taken, onRename }: NodeIdInputProps) {
  const [draft, setDraft] = useState(id);
  const error =
    draft === id
      ? null
      : !ID_PATTERN.test(draft)
        ? 'Start with a letter; letters, digits, _ or - only'
        : taken(draft)
          ? 'Another node has this id'
          : null;
  const commit = () => {
    if (draft !== id && !error) onRename(draft);
    else setDraft(id);
  };
  return (
    <TextInput
      label="Id"
      value={draft}
      error={error}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
      description="Expressions refer to the node's output as nodes.<id>"
    />
  );
}
