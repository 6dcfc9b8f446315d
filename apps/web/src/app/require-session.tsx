import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from './use-session';

/** Signed-out visitors go to sign in and come back to the same page afterwards. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (!session) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Outlet />;
}
