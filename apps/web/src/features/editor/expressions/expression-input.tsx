import { Box, Code, Group, Loader, Text, Textarea } from '@mantine/core';
import { useMemo } from 'react';
import { ERROR_COLOR } from './error-color';
import { checkExpression, checkTemplate } from './expression-check';
import { PREVIEW_TIMEOUT_MS } from './expression-preview';
import { useExpressionPreview, type PreviewState } from './use-expression-preview';

export interface ExpressionInputProps {
  label: string;
  value: string;
  onChange(value: string): void;
  /** The expression scope `{ trigger, nodes }` to preview against, e.g. useRunSampleContext().sample. */
  sample?: unknown;
  description?: string;
  /** Text with `{{ expr }}` placeholders (URLs, headers, messages) rather than one expression. */
  template?: boolean;
}

// The text stays readable in the error state; the border and the message below say what is wrong.
const FIELD_STYLES = {
  input: { fontFamily: 'var(--mantine-font-family-monospace)', color: 'var(--mantine-color-text)' },
  error: { color: ERROR_COLOR },
};

/** A JSONata field: syntax checked as you type, and a live preview of its value against a run's data. */
export function ExpressionInput({ label, value, onChange, sample, description, template = false }: ExpressionInputProps) {
  const problem = useMemo(() => (template ? checkTemplate(value) : checkExpression(value)), [value, template]);
  const preview = useExpressionPreview(value, sample, template, !problem);
  return (
    <Box>
      <Textarea
        label={label}
        description={
          description ?? (template ? 'Text with {{ JSONata }} placeholders over trigger and nodes' : 'JSONata over trigger and nodes')
        }
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={problem?.message}
        autosize
        minRows={1}
        maxRows={8}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        autoCorrect="off"
        styles={FIELD_STYLES}
      />
      <PreviewBox label={label} preview={preview} hasSample={sample !== undefined} />
    </Box>
  );
}

function PreviewBox({ label, preview, hasSample }: { label: string; preview: PreviewState; hasSample: boolean }) {
  return (
    <Box role="status" aria-label={`Preview of ${label}`} mt={4}>
      {preview.state === 'evaluating' && (
        <Group gap={6}>
          <Loader size={12} />
          <Text size="xs" c="dimmed">
            Evaluating…
          </Text>
        </Group>
      )}
      {preview.state === 'value' && (
        <>
          <Text size="xs" c="dimmed">
            {hasSample ? 'Preview with the sample run:' : 'Preview (no run picked: an empty input):'}
          </Text>
          <Code block fz="xs" mah={160} style={{ overflow: 'auto' }}>
            {preview.text}
          </Code>
        </>
      )}
      {preview.state === 'error' && (
        <Text size="xs" c={ERROR_COLOR} style={{ whiteSpace: 'pre-wrap' }}>
          A run would fail here: {preview.message}
        </Text>
      )}
      {preview.state === 'timeout' && (
        <Text size="xs" c="light-dark(var(--mantine-color-orange-9), var(--mantine-color-orange-4))">
          Preview timed out after {PREVIEW_TIMEOUT_MS} ms: the expression may be too slow for a run as well.
        </Text>
      )}
    </Box>
  );
}
