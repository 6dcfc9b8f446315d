import { Group, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { useWorkflowTags } from '../api/use-workflow-tags';

const STATUS_OPTIONS = [
  { value: '', label: 'Any' },
  { value: 'ACTIVE', label: 'Active' },
  { value: 'INACTIVE', label: 'Inactive' },
  { value: 'DRAFT', label: 'Draft' },
];

export interface WorkflowFiltersProps {
  search: string;
  tag: string;
  status: string;
  onChange: (name: 'search' | 'tag' | 'status', value: string) => void;
}

/** Name search (debounced), tag and status; the values live in the URL. */
export function WorkflowFilters({ search, tag, status, onChange }: WorkflowFiltersProps) {
  const [typed, setTyped] = useState(search);
  const commitSearch = useDebouncedCallback((value: string) => onChange('search', value.trim()), 250);
  const tags = useWorkflowTags();
  return (
    <Group align="end" gap="sm">
      <TextInput
        label="Search"
        type="search"
        placeholder="Name contains…"
        value={typed}
        onChange={(e) => {
          setTyped(e.currentTarget.value);
          commitSearch(e.currentTarget.value);
        }}
      />
      <Select
        label="Tag"
        placeholder="Any"
        data={[...new Set([...(tags.data?.items ?? []), ...(tag ? [tag] : [])])]}
        value={tag || null}
        onChange={(value) => onChange('tag', value ?? '')}
        searchable
        clearable
        nothingFoundMessage="No such tag"
      />
      <Select
        label="Status"
        data={STATUS_OPTIONS}
        value={status}
        onChange={(value) => onChange('status', value ?? '')}
        allowDeselect={false}
      />
    </Group>
  );
}
