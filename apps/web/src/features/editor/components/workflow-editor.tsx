import { Alert, Card, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useCallback, useMemo, useReducer, useState } from 'react';
import { useNavigate } from 'react-router';
import type { components } from '../../../api/schema';
import { useSetActive } from '../api/use-set-active';
import { useWorkflow } from '../api/use-workflow';
import { useAddNode } from '../hooks/use-add-node';
import { useCanvasSelection } from '../hooks/use-canvas-selection';
import { useEditorSave } from '../hooks/use-editor-save';
import { useUndoShortcuts } from '../hooks/use-undo-shortcuts';
import { useUnsavedChangesGuard } from '../hooks/use-unsaved-changes-guard';
import { autoLayout, withPositions } from '../model/auto-layout';
import { asDefinition, EMPTY_DEFINITION, type NodeTypeInfo, type WorkflowDefinition } from '../model/definition';
import { editorReducer, initialEditorState, isDirty } from '../model/editor-history';
import { quickProblems } from '../model/problems';
import type { FlowDecorations, StepView } from '../model/to-flow';
import { ConflictDialog } from './conflict-dialog';
import { EditorCanvas } from './editor-canvas';
import { EditorRunTools, useExpressionSample } from './editor-run-tools';
import { EditorToolbar } from './editor-toolbar';
import { exportWorkflow, ImportDialog } from './import-dialog';
import { LeaveDialog } from './leave-dialog';
import { NodePalette } from './node-palette';
import { ProblemsList } from './problems-list';
import { SidePanel } from './side-panel';

type Workflow = components['schemas']['WorkflowResponseDto'];

export interface WorkflowEditorProps {
  workflow?: Workflow;
  nodeTypes: NodeTypeInfo[];
  nodeTypesByType: Map<string, NodeTypeInfo>;
}

const loadDefinition = (workflow?: Workflow): WorkflowDefinition => withPositions(asDefinition(workflow?.definition) ?? EMPTY_DEFINITION);

/** The editor of one workflow (or a new one): canvas, palette, side panel, save, test runs. */
export function WorkflowEditor({ workflow, nodeTypes, nodeTypesByType }: WorkflowEditorProps) {
  const navigate = useNavigate();
  const [state, dispatch] = useReducer(editorReducer, workflow, (w) => initialEditorState(loadDefinition(w)));
  const [meta, setMeta] = useState({ name: workflow?.name ?? 'Untitled workflow', description: workflow?.description ?? '' });
  const [savedMeta, setSavedMeta] = useState(meta);
  const [version, setVersion] = useState(workflow?.version);
  const [steps, setSteps] = useState<Record<string, StepView>>({});
  const [importing, importDialog] = useDisclosure(false);
  const workflowQuery = useWorkflow(workflow?.id);
  const setActive = useSetActive(workflow?.id);
  const active = setActive.isPending ? Boolean(setActive.variables) : (workflowQuery.data?.active ?? workflow?.active ?? false);
  const sample = useExpressionSample();
  const { selection, setSelection, selectNode } = useCanvasSelection(state.definition);

  const dirty = isDirty(state) || meta.name !== savedMeta.name || meta.description !== savedMeta.description;
  const { blocker, allowNext } = useUnsavedChangesGuard(dirty);

  const saver = useEditorSave((saved, sent) => {
    dispatch({ type: 'saved', definition: sent });
    setSavedMeta({ name: saved.name, description: saved.description ?? '' });
    setMeta((m) => (m.name.trim() === saved.name ? { ...m, name: saved.name } : m)); // the API keeps the trimmed name
    setVersion(saved.version);
    if (!workflow?.id) {
      allowNext();
      navigate(`/workflows/${saved.id}`, { replace: true });
    }
  });
  const save = () =>
    void saver.save({
      id: workflow?.id,
      name: meta.name.trim() || 'Untitled workflow',
      description: meta.description,
      definition: state.definition,
      definitionChanged: isDirty(state),
      baseVersion: version,
    });
  const reload = async () => {
    const fresh = await workflowQuery.refetch();
    if (!fresh.data) return;
    dispatch({ type: 'load', definition: loadDefinition(fresh.data) });
    const freshMeta = { name: fresh.data.name, description: fresh.data.description ?? '' };
    setMeta(freshMeta);
    setSavedMeta(freshMeta);
    setVersion(fresh.data.version);
    saver.dismissConflict();
    saver.clearProblems();
  };

  const undo = useCallback(() => dispatch({ type: 'undo' }), []);
  const redo = useCallback(() => dispatch({ type: 'redo' }), []);
  useUndoShortcuts(undo, redo);

  const decorations = useMemo<FlowDecorations>(
    () => ({ nodeTypes: nodeTypesByType, problems: saver.problems, steps }),
    [nodeTypesByType, saver.problems, steps],
  );

  const addNode = useAddNode(state.definition, nodeTypesByType, dispatch, selection.nodeId);
  const onPaletteAdd = useCallback((type: string) => selectNode(addNode(type)), [addNode, selectNode]);
  const onDropNodeType = useCallback((type: string, at: { x: number; y: number }) => selectNode(addNode(type, at)), [addNode, selectNode]);

  const isTrigger = useCallback((type: string) => Boolean(nodeTypesByType.get(type)?.trigger), [nodeTypesByType]);
  const hints = useMemo(() => quickProblems(state.definition, isTrigger), [state.definition, isTrigger]);
  const hasWebhook = state.saved.nodes.some((n) => n.type === 'trigger.webhook');

  return (
    <Stack gap="sm" className="wf-editor">
      <LeaveDialog blocker={blocker} />
      <ConflictDialog
        opened={saver.conflict !== null}
        currentVersion={saver.conflict?.currentVersion ?? null}
        busy={saver.saving || workflowQuery.isFetching}
        onReload={() => void reload()}
        onOverwrite={() => void saver.overwrite()}
        onCancel={saver.dismissConflict}
      />
      <ImportDialog
        opened={importing}
        onClose={importDialog.close}
        onImport={(definition, imported) => {
          dispatch({ type: 'replace', definition: withPositions(definition) });
          if (imported.name) setMeta((m) => ({ ...m, name: imported.name!, description: imported.description ?? m.description }));
        }}
      />
      <Title order={1} className="wf-visually-hidden">
        Edit workflow {meta.name}
      </Title>
      <TextInput
        aria-label="Workflow name"
        value={meta.name}
        onChange={(e) => setMeta({ ...meta, name: e.currentTarget.value })}
        size="md"
        fw={700}
        maxLength={120}
      />
      <EditorToolbar
        workflowId={workflow?.id}
        version={version}
        dirty={dirty}
        canUndo={state.past.length > 0}
        canRedo={state.future.length > 0}
        saving={saver.saving}
        active={active}
        activating={setActive.isPending}
        onUndo={undo}
        onRedo={redo}
        onLayout={() => dispatch({ type: 'moveNodes', positions: autoLayout(state.definition) })}
        onImport={importDialog.open}
        onExport={() => exportWorkflow({ name: meta.name, description: meta.description, definition: state.definition })}
        onSave={save}
        onActiveChange={(next) => setActive.mutate(next)}
      />
      {saver.error && (
        <Alert color="red" variant="light" title="Not saved" role="alert">
          {saver.error.message}
        </Alert>
      )}
      {setActive.error && (
        <Alert color="red" variant="light" title={active ? 'Could not deactivate' : 'Could not activate'} role="alert">
          {setActive.error.message}
        </Alert>
      )}
      <ProblemsList problems={saver.problems} onSelectNode={selectNode} />
      {saver.problems.all.length === 0 && hints.length > 0 && (
        <Text size="sm" role="status">
          Before saving: {hints.map((h) => (h.edge ? `${h.edge.from} → ${h.edge.to}: ${h.message}` : h.message)).join('; ')}
        </Text>
      )}
      <div className="wf-editor-grid">
        <Card withBorder padding="sm" className="wf-editor-palette">
          <NodePalette nodeTypes={nodeTypes} onAdd={onPaletteAdd} />
        </Card>
        <div className="wf-editor-canvas">
          {state.definition.nodes.length === 0 && (
            <Text size="sm" className="wf-canvas-hint">
              Start with a trigger: pick one in the palette (click or drag it here).
            </Text>
          )}
          <EditorCanvas
            definition={state.definition}
            decorations={decorations}
            dispatch={dispatch}
            onSelectionChange={setSelection}
            onDropNodeType={onDropNodeType}
          />
        </div>
        <Stack gap="sm" className="wf-editor-side">
          <SidePanel
            selection={selection}
            definition={state.definition}
            nodeTypes={nodeTypesByType}
            problems={saver.problems}
            steps={steps}
            sample={sample}
            description={meta.description}
            onDescriptionChange={(description) => setMeta({ ...meta, description })}
            webhookWorkflowId={workflow?.id && hasWebhook ? workflow.id : undefined}
            dispatch={dispatch}
            onSelectNode={selectNode}
          />
          <EditorRunTools workflowId={workflow?.id} definition={state.definition} onStepsChange={setSteps} />
        </Stack>
      </div>
    </Stack>
  );
}
