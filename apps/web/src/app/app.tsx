import { Center, Loader, MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { refreshSession } from '../api/session';
import { UpdatePrompt } from '../pwa/update-prompt';
import { queryClient } from './query-client';
import { router } from './router';
import { contrastSafeColors, theme } from './theme';

export function App() {
  // A reload keeps the user signed in: the refresh cookie gives a new access token before the first screen.
  const [restoring, setRestoring] = useState(true);
  useEffect(() => {
    void refreshSession().finally(() => setRestoring(false));
  }, []);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={contrastSafeColors} defaultColorScheme="auto">
      <QueryClientProvider client={queryClient}>
        {restoring ? (
          <Center h="100vh">
            <Loader aria-label="Loading" />
          </Center>
        ) : (
          <RouterProvider router={router} />
        )}
        <UpdatePrompt />
      </QueryClientProvider>
    </MantineProvider>
  );
}
