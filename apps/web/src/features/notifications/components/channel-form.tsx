import { Button, Group, PasswordInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Channel, CreateChannelBody } from '../api/use-channels';
import { CHANNEL_TYPE_LABEL, options } from '../model/labels';

export interface ChannelFormProps {
  /** Editing this channel (its type is fixed); a new one otherwise. */
  channel?: Channel;
  submitting: boolean;
  onSubmit: (body: CreateChannelBody) => void;
  onCancel: () => void;
}

/** Descriptions in the text colour: Mantine's dimmed grey misses the 4.5:1 contrast (axe). */
export const READABLE = { description: { color: 'var(--mantine-color-text)' } };

const HINT: Record<string, string> = {
  IN_APP: 'Shown in this inbox, with the unread badge.',
  PUSH: 'Delivered to every device where you enabled notifications (see the inbox).',
  EMAIL: 'Sent to this address.',
  SLACK: 'Posted to the Slack incoming-webhook URL (stored encrypted, never shown again).',
  WEBHOOK: 'POSTed as JSON, signed with HMAC-SHA256 of the secret (stored encrypted).',
};

/** Per-type fields: email for EMAIL, url for SLACK and WEBHOOK, a signing secret for WEBHOOK. Secrets are write-only. */
export function ChannelForm({ channel, submitting, onSubmit, onCancel }: ChannelFormProps) {
  const config = (channel?.config ?? {}) as { email?: string; url?: string };
  const [type, setType] = useState(channel?.type ?? 'IN_APP');
  const [name, setName] = useState(channel?.name ?? '');
  const [email, setEmail] = useState(config.email ?? '');
  const [url, setUrl] = useState(type === 'WEBHOOK' ? (config.url ?? '') : '');
  const [secret, setSecret] = useState('');
  const [enabled, setEnabled] = useState(channel?.enabled ?? true);
  const editing = !!channel;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: CreateChannelBody = { type: type as CreateChannelBody['type'], name, enabled };
    if (type === 'EMAIL') body.email = email;
    if ((type === 'SLACK' || type === 'WEBHOOK') && url) body.url = url;
    if (type === 'WEBHOOK' && secret) body.secret = secret;
    onSubmit(body);
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <Select
          label="Type"
          data={options(CHANNEL_TYPE_LABEL)}
          value={type}
          onChange={(value) => value && setType(value)}
          allowDeselect={false}
          disabled={editing}
          description={HINT[type]}
          styles={READABLE}
        />
        <TextInput label="Name" required maxLength={120} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        {type === 'EMAIL' && (
          <TextInput label="Email address" type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
        )}
        {(type === 'SLACK' || type === 'WEBHOOK') && (
          <TextInput
            label={type === 'SLACK' ? 'Slack webhook URL' : 'URL'}
            type="url"
            required={!editing || type === 'WEBHOOK'}
            placeholder={editing && type === 'SLACK' ? 'Unchanged (stored encrypted)' : 'https://…'}
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
          />
        )}
        {type === 'WEBHOOK' && (
          <PasswordInput
            label="Signing secret"
            description="At least 16 characters"
            styles={READABLE}
            required={!editing}
            minLength={16}
            placeholder={editing ? 'Unchanged (stored encrypted)' : undefined}
            value={secret}
            onChange={(e) => setSecret(e.currentTarget.value)}
          />
        )}
        <Switch label="Enabled" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
        <Group justify="end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={submitting}>
            {editing ? 'Save channel' : 'Create channel'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
