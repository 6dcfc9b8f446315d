import { Alert } from '@mantine/core';
import { usePwaState } from './pwa-store';

/** Shown while the network (or the API) is unreachable: the lists are what was last seen. */
export function OfflineBanner() {
  const { online } = usePwaState();
  if (online) return null;
  return (
    // The default yellow title is too pale on its tint (axe color-contrast): the title takes the text colour.
    <Alert
      role="status"
      color="yellow"
      variant="light"
      title="You are offline"
      mb="md"
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
    >
      Showing what was last loaded. Runs and retries you start now are queued and sent when the connection returns.
    </Alert>
  );
}
