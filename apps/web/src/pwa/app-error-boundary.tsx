import { Component, type ErrorInfo, type ReactNode } from 'react';
import { reportError } from './browser-sentry';
import { ErrorFallback, requestIdOf } from './error-fallback';

export interface AppErrorBoundaryProps {
  children: ReactNode;
}

/** The last line: a render error anywhere outside the router's routes (those have RouteErrorFallback). */
export class AppErrorBoundary extends Component<AppErrorBoundaryProps, { error: unknown }> {
  state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    reportError(error, { componentStack: info.componentStack ?? undefined, requestId: requestIdOf(error) });
  }

  render() {
    return this.state.error ? <ErrorFallback error={this.state.error} /> : this.props.children;
  }
}
