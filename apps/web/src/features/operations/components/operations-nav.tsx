import { Button, Group } from '@mantine/core';
import { NavLink } from 'react-router';

const SECTIONS = [
  { to: '/operations', label: 'Overview', end: true },
  { to: '/operations/backups', label: 'Backups' },
];

export function OperationsNav() {
  return (
    <Group component="nav" aria-label="Operations sections" gap="xs">
      {SECTIONS.map((section) => (
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
