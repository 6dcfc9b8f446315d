import { Button, FileInput, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { asDefinition, type WorkflowDefinition } from '../model/definition';

export interface ImportDialogProps {
  opened: boolean;
  onClose(): void;
  onImport(definition: WorkflowDefinition, meta: { name?: string; description?: string }): void;
}

/** Import: paste or upload JSON, either an exported workflow ({ name, definition }) or a bare definition. */
export function ImportDialog({ opened, onClose, onImport }: ImportDialogProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      return setError(`Not valid JSON: ${(e as Error).message}`);
    }
    const wrapper = parsed as { name?: unknown; description?: unknown; definition?: unknown };
    const definition = asDefinition(wrapper?.definition ?? parsed);
    if (!definition) return setError('Expected a workflow definition: { "nodes": [...], "edges": [...] }');
    onImport(definition, {
      name: typeof wrapper.name === 'string' ? wrapper.name : undefined,
      description: typeof wrapper.description === 'string' ? wrapper.description : undefined,
    });
    setText('');
    setError(null);
    onClose();
  };
  const load = async (file: File | null) => {
    if (file) setText(await file.text());
  };
  return (
    <Modal opened={opened} closeButtonProps={{ 'aria-label': 'Close' }} onClose={onClose} title="Import a workflow definition" size="lg">
      <Stack>
        <Text size="sm">The imported definition replaces the one on the canvas (Undo brings it back).</Text>
        <FileInput label="Upload a JSON file" accept="application/json,.json" onChange={(file) => void load(file)} clearable />
        <Textarea
          label="Or paste JSON"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={6}
          maxRows={16}
          error={error}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} disabled={!text.trim()}>
            Import
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Downloads the workflow as JSON (the shape POST /workflows takes, so it can be imported or posted again). */
export function exportWorkflow(workflow: { name: string; description: string; definition: WorkflowDefinition }): void {
  const blob = new Blob([JSON.stringify(workflow, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${workflow.name.replace(/[^\w.-]+/g, '-') || 'workflow'}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
