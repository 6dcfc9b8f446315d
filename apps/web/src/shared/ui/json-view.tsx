import { Code, Collapse, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';

export interface JsonViewProps {
  label: string;
  value: unknown;
}

/** A collapsible, keyboard-operable JSON block. */
export function JsonView({ label, value }: JsonViewProps) {
  const [opened, { toggle }] = useDisclosure(false);
  return (
    <div>
      <UnstyledButton onClick={toggle} aria-expanded={opened} fz="sm" fw={500} td="underline">
        {opened ? '▾' : '▸'} {label}
      </UnstyledButton>
      <Collapse expanded={opened} transitionDuration={0}>
        <Code block mt={4}>
          {JSON.stringify(value, null, 2) ?? 'null'}
        </Code>
      </Collapse>
    </div>
  );
}
