import { Select, TextInput } from '@mantine/core';

const PRESETS = [
  { value: '', label: 'Any time' },
  { value: '3600000', label: 'Last hour' },
  { value: '86400000', label: 'Last 24 hours' },
  { value: '604800000', label: 'Last 7 days' },
];

/** ISO (the URL's form) → the local "YYYY-MM-DDTHH:mm" a datetime-local input shows. */
function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

const toIso = (local: string) => (local ? new Date(local).toISOString() : '');

export interface TimeRangeFilterProps {
  from: string;
  to: string;
  onChange: (range: { from: string; to: string }) => void;
}

/** From (inclusive) and to (exclusive) as ISO date-times, typed or picked from a preset (three fields, for the caller's grid). */
export function TimeRangeFilter({ from, to, onChange }: TimeRangeFilterProps) {
  const inverted = Boolean(from && to && new Date(from) > new Date(to));
  return (
    <>
      <Select
        label="Period"
        data={PRESETS}
        value={null}
        placeholder={from || to ? 'Custom' : 'Any time'}
        onChange={(value) => onChange({ from: value ? new Date(Date.now() - Number(value)).toISOString() : '', to: '' })}
      />
      <TextInput
        label="From"
        type="datetime-local"
        value={toLocalInput(from)}
        onChange={(e) => onChange({ from: toIso(e.currentTarget.value), to })}
      />
      <TextInput
        label="To"
        type="datetime-local"
        value={toLocalInput(to)}
        onChange={(e) => onChange({ from, to: toIso(e.currentTarget.value) })}
        error={inverted ? 'Must be after From' : undefined}
      />
    </>
  );
}
