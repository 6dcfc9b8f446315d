import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
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
      children: [
        {
          element: <Shell />,
          children: [
            { index: true, element: <Navigate to="/workflows" replace /> },
            { path: '/workflows', lazy: screen(() => import('../features/workflows/routes/workflows-page'), 'WorkflowsPage') },
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
            { path: '*', element: <Navigate to="/workflows" replace /> },
          ],
        },
      ],
    },
  ],
  { basename: '/app' },
);
