import { ActionIcon, Code, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { ApiError } from '../../../api/api-error';
import { useWebhookInfo } from '../api/use-webhook-info';

const CopyIcon = () => (
  <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
    <rect x="9" y="9" width="12" height="12" rx="2" />
    <path d="M5 15H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v1" />
  </svg>
);

const CheckIcon = () => (
  <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
    <path d="M5 12l5 5L20 7" />
  </svg>
);

function CopyValue({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap">
        <Code style={{ overflowWrap: 'anywhere', flex: 1 }}>{value}</Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
              <ActionIcon variant="default" onClick={copy} aria-label={`Copy ${label.toLowerCase()}`}>
                {copied ? <CheckIcon /> : <CopyIcon />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

/** The saved workflow's webhook: URL and signing secret, each with a copy button. */
export function WebhookDetails({ workflowId }: { workflowId: string }) {
  const query = useWebhookInfo(workflowId, true);
  if (query.error instanceof ApiError && query.error.status === 404)
    return <Text size="sm">The webhook URL and signing secret show here once the workflow is activated.</Text>;
  if (!query.data) return null;
  const hook = query.data;
  return (
    <Stack gap="xs" component="section" aria-label="Webhook">
      <Text size="sm">
        Webhook ({hook.method}, {hook.mode}) {hook.active ? 'is live' : 'starts when the workflow is activated'}.
      </Text>
      <CopyValue label="Webhook URL" value={hook.url} />
      {hook.signingSecret && <CopyValue label="Signing secret" value={hook.signingSecret} />}
      {hook.signatureHeader && <Text size="xs">{hook.signatureHeader}</Text>}
    </Stack>
  );
}
