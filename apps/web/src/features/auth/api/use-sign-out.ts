import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sessionStore } from '../../../api/session';
import { askWorker } from '../../../pwa/service-worker-client';

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const token = sessionStore.get()?.accessToken;
      await fetch('/auth/logout', {
        method: 'POST',
        headers: { 'X-Session': 'cookie', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        credentials: 'same-origin',
      });
    },
    onSettled: async () => {
      sessionStore.set(null);
      queryClient.clear();
      // The service worker drops this user's cached API answers and queued runs before anyone else signs in.
      await askWorker({ type: 'CLEAR_USER' });
    },
  });
}
