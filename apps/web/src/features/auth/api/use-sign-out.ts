import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sessionStore } from '../../../api/session';

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
    onSettled: () => {
      sessionStore.set(null);
      queryClient.clear();
    },
  });
}
