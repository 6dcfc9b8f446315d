import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { RouteErrorFallback } from '../pwa/route-error-fallback';
import { Shell } from './app-shell';
import { RequireSession } from './require-session';

/**
 * Every screen is its own chunk, loaded when first visited: the shell's initial JavaScript stays within
 * the bench:web budget while the editor (canvas, forms) and charts grow on their own.
 */
function screen<M>(load: () => Promise<M>, name: keyof M) {
  return async () => ({ Component: (await load())[name] as ComponentType });
}

// The API serves index.html for every /app/* path, so deep links work.
export const router = createBrowserRouter(
  [
    { path: '/sign-in', lazy: screen(() => import('../features/auth/routes/sign-in-page'), 'SignInPage') },
    { path: '/sign-up', lazy: screen(() => import('../features/auth/routes/sign-in-page'), 'SignUpPage') },
    {
      element: <RequireSession />,
      errorElement: <RouteErrorFallback />,
      children: [
        {
          element: <Shell />,
          children: [
            { index: true, element: <Navigate to="/workflows" replace /> },
            { path: '/workflows', lazy: screen(() => import('../features/workflows/routes/workflows-page'), 'WorkflowsPage') },
            { path: '/workflows/new', lazy: screen(() => import('../features/editor/routes/editor-page'), 'EditorPage') },
            { path: '/workflows/:id', lazy: screen(() => import('../features/editor/routes/editor-page'), 'EditorPage') },
            {
              path: '/workflows/:id/versions',
              lazy: screen(() => import('../features/workflow-versions/routes/versions-page'), 'VersionsPage'),
            },
            {
              path: '/executions',
              lazy: screen(() => import('../features/executions/routes/executions-page'), 'ExecutionsPage'),
            },
            {
              path: '/executions/:id',
              lazy: screen(() => import('../features/executions/routes/execution-detail-page'), 'ExecutionDetailPage'),
            },
            { path: '/account/api-keys', lazy: screen(() => import('../features/account/routes/api-keys-page'), 'ApiKeysPage') },
            {
              path: '/account/sessions',
              lazy: screen(() => import('../features/account/routes/sessions-page'), 'SessionsPage'),
            },
            { path: '/notifications', lazy: screen(() => import('../features/notifications/routes/inbox-page'), 'InboxPage') },
            {
              path: '/notifications/channels',
              lazy: screen(() => import('../features/notifications/routes/channels-page'), 'ChannelsPage'),
            },
            {
              path: '/notifications/subscriptions',
              lazy: screen(() => import('../features/notifications/routes/subscriptions-page'), 'SubscriptionsPage'),
            },
            {
              path: '/notifications/alert-rules',
              lazy: screen(() => import('../features/notifications/routes/alert-rules-page'), 'AlertRulesPage'),
            },
            // Admins only (the page says "not available" to others; the API answers 403); charts stay in this chunk.
            { path: '/operations', lazy: screen(() => import('../features/operations/routes/operations-page'), 'OperationsPage') },
            {
              path: '/operations/backups',
              lazy: screen(() => import('../features/operations/routes/backups-page'), 'BackupsPage'),
            },
            { path: '*', element: <Navigate to="/workflows" replace /> },
          ],
        },
      ],
    },
  ],
  { basename: '/app' },
);
