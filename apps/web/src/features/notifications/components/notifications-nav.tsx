import { Button, Group } from '@mantine/core';
import { NavLink } from 'react-router';

const SECTIONS = [
  { to: '/notifications', label: 'Inbox', end: true },
  { to: '/notifications/channels', label: 'Channels' },
  { to: '/notifications/subscriptions', label: 'Subscriptions' },
  { to: '/notifications/alert-rules', label: 'Alert rules' },
];

/** The notifications screens' own navigation (links, so each section has its URL). */
export function NotificationsNav() {
  return (
    <Group component="nav" aria-label="Notifications sections" gap="xs">
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
