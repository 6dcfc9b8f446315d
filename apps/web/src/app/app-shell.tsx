import { AppShell, Burger, Button, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { NavLink as RouterLink, Outlet } from 'react-router';
import { useSignOut } from '../features/auth/api/use-sign-out';
import { ColorSchemeToggle } from './color-scheme-toggle';
import { ExecutionEventsEffect } from './live/execution-events-effect';
import { useSession } from './use-session';

const LINKS = [
  { to: '/workflows', label: 'Workflows' },
  { to: '/executions', label: 'Executions' },
  { to: '/account/api-keys', label: 'API keys' },
  { to: '/account/sessions', label: 'Sessions' },
];

export function Shell() {
  const [opened, { toggle, close }] = useDisclosure();
  const session = useSession();
  const signOut = useSignOut();
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <ExecutionEventsEffect />
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap" gap="xs">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Text fw={700} truncate>
              Workflow platform
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" visibleFrom="sm">
              {session?.user.email}
            </Text>
            <ColorSchemeToggle />
            <Button variant="default" size="sm" px="sm" onClick={() => signOut.mutate()} loading={signOut.isPending}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Main">
        {LINKS.map((link) => (
          <NavLink key={link.to} component={RouterLink} to={link.to} label={link.label} onClick={close} variant="filled" />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
