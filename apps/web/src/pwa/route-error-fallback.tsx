import { useEffect } from 'react';
import { useRouteError } from 'react-router';
import { reportError } from './browser-sentry';
import { ErrorFallback, requestIdOf } from './error-fallback';

/** The router's errorElement: a screen that failed to load or render, reported and explained. */
export function RouteErrorFallback() {
  const error = useRouteError();
  useEffect(() => reportError(error, { requestId: requestIdOf(error) }), [error]);
  return <ErrorFallback error={error} />;
}
