import { Button, Group } from '@mantine/core';
import { NavLink } from 'react-router';

export interface Section {
  to: string;
  label: string;
  /** Active only on this exact path (the section that is the parent of the others). */
  end?: boolean;
}

/** A screen's own section links (each section keeps its URL), drawn as a row of buttons. */
export function SectionNav({ label, sections }: { label: string; sections: Section[] }) {
  return (
    <Group component="nav" aria-label={label} gap="xs">
      {sections.map((section) => (
        <NavLink key={section.to} to={section.to} end={section.end} style={{ textDecoration: 'none' }}>
          {({ isActive }) => (
            <Button component="span" size="xs" variant={isActive ? 'filled' : 'default'}>
              {section.label}
            </Button>
          )}
        </NavLink>
      ))}
    </Group>
  );
}
