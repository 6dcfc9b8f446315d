import '@mantine/core/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { AppErrorBoundary } from './pwa/app-error-boundary';
import { startBrowserSentry } from './pwa/browser-sentry';
import { startPwa } from './pwa/start-pwa';

// Before the first render: the worker must hear about the session the app restores at start.
startPwa();
void startBrowserSentry();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <AppErrorBoundary>
      <App />
    </AppErrorBoundary>
  </StrictMode>,
);
