import { createBrowserRouter, Navigate } from 'react-router';
import { ApiKeysPage } from '../features/account/routes/api-keys-page';
import { SessionsPage } from '../features/account/routes/sessions-page';
import { AuthPage } from '../features/auth/routes/auth-page';
import { ExecutionDetailPage } from '../features/executions/routes/execution-detail-page';
import { ExecutionsPage } from '../features/executions/routes/executions-page';
import { WorkflowsPage } from '../features/workflows/routes/workflows-page';
import { Shell } from './app-shell';
import { RequireSession } from './require-session';

// The API serves index.html for every /app/* path, so deep links work.
export const router = createBrowserRouter(
  [
    { path: '/sign-in', element: <AuthPage mode="sign-in" /> },
    { path: '/sign-up', element: <AuthPage mode="sign-up" /> },
    {
      element: <RequireSession />,
      children: [
        {
          element: <Shell />,
          children: [
            { index: true, element: <Navigate to="/workflows" replace /> },
            { path: '/workflows', element: <WorkflowsPage /> },
            { path: '/executions', element: <ExecutionsPage /> },
            { path: '/executions/:id', element: <ExecutionDetailPage /> },
            { path: '/account/api-keys', element: <ApiKeysPage /> },
            { path: '/account/sessions', element: <SessionsPage /> },
            { path: '*', element: <Navigate to="/workflows" replace /> },
          ],
        },
      ],
    },
  ],
  { basename: '/app' },
);
