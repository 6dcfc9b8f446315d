import createClient, { type Middleware } from 'openapi-fetch';
import { apiErrorOf } from './api-error';
import type { paths } from './schema';
import { refreshSession, sessionStore } from './session';

/**
 * Calls that start or end a session answer 401 for wrong credentials, not for an expired token: never
 * refreshed and retried. Every other 401 (including /auth/api-keys and /auth/sessions) refreshes once.
 */
const SESSION_CALL = /^\/auth\/(login|register|refresh|logout)$/;

/** Copies of request bodies, so a request refused with 401 can be sent again after the refresh. */
const retries = new Map<string, Request>();

const auth: Middleware = {
  onRequest({ request, id }) {
    const token = sessionStore.get()?.accessToken;
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    if (!SESSION_CALL.test(new URL(request.url).pathname)) retries.set(id, request.clone());
    return request;
  },
  async onResponse({ response, id }) {
    const original = retries.get(id);
    retries.delete(id);
    if (response.status !== 401 || !original) return response;
    const refused = original.headers.get('Authorization')?.replace(/^Bearer /, '') ?? '';
    if (!(await refreshSession(refused))) return response; // the session store is empty now: the app sends the user to sign in
    original.headers.set('Authorization', `Bearer ${sessionStore.get()?.accessToken}`);
    return fetch(original);
  },
  onError({ id }) {
    retries.delete(id);
  },
};

/** The one API client of the console. */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(auth);

/** The data of a call, or its ApiError thrown (what TanStack Query expects from a query function). */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw apiErrorOf(response, error);
  return data as T;
}
