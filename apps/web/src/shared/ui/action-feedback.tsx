import { Alert, Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { ApiError } from '../../api/api-error';

export interface Feedback {
  kind: 'success' | 'error';
  message: string;
  link?: { to: string; label: string };
}

/** The outcome of a failed action, in words: rate limits and server errors say what to do next. */
export function feedbackFromError(what: string, error: unknown): Feedback {
  if (error instanceof ApiError && error.status === 429)
    return { kind: 'error', message: `${what}: slow down — try again in ${error.retryAfterSeconds ?? 'a few'} s.` };
  if (error instanceof ApiError && error.status >= 500)
    return {
      kind: 'error',
      message: `${what}: the server answered ${error.status}${error.requestId ? ` (request id ${error.requestId})` : ''}.`,
    };
  return { kind: 'error', message: `${what}: ${error instanceof Error ? error.message : 'the request failed'}` };
}

export interface ActionFeedbackProps {
  feedback: Feedback | null;
  onClose: () => void;
}

/** What the last button did (or why it did not), announced to screen readers. */
export function ActionFeedback({ feedback, onClose }: ActionFeedbackProps) {
  if (!feedback) return null;
  return (
    <Alert
      variant="light"
      color={feedback.kind === 'success' ? 'teal' : 'red'}
      role={feedback.kind === 'success' ? 'status' : 'alert'}
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onClose}
    >
      {feedback.message}{' '}
      {feedback.link && (
        <Anchor component={Link} to={feedback.link.to} fz="sm">
          {feedback.link.label}
        </Anchor>
      )}
    </Alert>
  );
}
