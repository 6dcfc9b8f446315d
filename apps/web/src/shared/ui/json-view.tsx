import { Code, Collapse, Group, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { CopyValueButton } from './copy-value-button';

export interface JsonViewProps {
  label: string;
  value: unknown;
  defaultOpened?: boolean;
}

/** A collapsible, keyboard-operable JSON block with a copy button. */
export function JsonView({ label, value, defaultOpened = false }: JsonViewProps) {
  const [opened, { toggle }] = useDisclosure(defaultOpened);
  const text = JSON.stringify(value, null, 2) ?? 'null';
  return (
    <div>
      <Group gap="xs" wrap="nowrap">
        <UnstyledButton onClick={toggle} aria-expanded={opened} fz="sm" fw={500} td="underline">
          {opened ? '▾' : '▸'} {label}
        </UnstyledButton>
        {opened && <CopyValueButton value={text} label={`Copy ${label.toLowerCase()} JSON`} />}
      </Group>
      <Collapse expanded={opened} transitionDuration={0}>
        <Code block mt={4} tabIndex={0} aria-label={`${label} JSON`} style={{ maxHeight: 360, overflow: 'auto' }}>
          {text}
        </Code>
      </Collapse>
    </div>
  );
}
