import { AppShell, Burger, Button, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { NavLink as RouterLink, Outlet } from 'react-router';
import type { ReactNode } from 'react';
import { useSignOut } from '../features/auth/api/use-sign-out';
import { InboxEventsEffect } from '../features/notifications/components/inbox-events-effect';
import { UnreadBadge } from '../features/notifications/components/unread-badge';
import { useIsAdmin } from '../features/operations/api/use-current-user';
import { OfflineBanner } from '../pwa/offline-banner';
import { PendingRequests } from '../pwa/pending-requests';
import { ColorSchemeToggle } from './color-scheme-toggle';
import { ExecutionEventsEffect } from './live/execution-events-effect';
import { useSession } from './use-session';

const LINKS: { to: string; label: string; badge?: ReactNode; adminOnly?: boolean }[] = [
  { to: '/workflows', label: 'Workflows' },
  { to: '/executions', label: 'Executions' },
  { to: '/notifications', label: 'Notifications', badge: <UnreadBadge /> },
  { to: '/operations', label: 'Operations', adminOnly: true },
  { to: '/account/api-keys', label: 'API keys' },
  { to: '/account/sessions', label: 'Sessions' },
];

export function Shell() {
  const [opened, { toggle, close }] = useDisclosure();
  const session = useSession();
  const signOut = useSignOut();
  const isAdmin = useIsAdmin();
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <ExecutionEventsEffect />
      <InboxEventsEffect />
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
        {LINKS.filter((link) => isAdmin || !link.adminOnly).map((link) => (
          <NavLink
            key={link.to}
            component={RouterLink}
            to={link.to}
            label={link.label}
            rightSection={link.badge}
            onClick={close}
            variant="filled"
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <OfflineBanner />
        <PendingRequests />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
