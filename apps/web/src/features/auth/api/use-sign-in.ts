import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { sessionStore } from '../../../api/session';

export interface Credentials {
  email: string;
  password: string;
  name?: string;
}

/** Sign in (or sign up with a name) and start a browser session: the refresh token comes as an HttpOnly cookie. */
export function useSignIn(mode: 'sign-in' | 'sign-up') {
  return useMutation({
    mutationFn: async ({ email, password, name }: Credentials) => {
      const params = { header: { 'X-Session': 'cookie' as const } };
      const session =
        mode === 'sign-up'
          ? await unwrap(api.POST('/auth/register', { params, body: { email, password, name: name ?? '' } }))
          : await unwrap(api.POST('/auth/login', { params, body: { email, password } }));
      sessionStore.set(session as Parameters<typeof sessionStore.set>[0]);
    },
  });
}
