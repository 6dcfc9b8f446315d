import { useStoreApi } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WorkflowDefinition } from '../model/definition';
import type { CanvasSelection } from '../components/editor-canvas';

/**
 * What the side panel shows. The canvas reports its selection here; selecting from outside (a new
 * node, a problem in the list, a renamed node) goes through React Flow's store once the node is on it.
 */
export function useCanvasSelection(definition: WorkflowDefinition) {
  const store = useStoreApi();
  const [selection, setSelectionState] = useState<CanvasSelection>({});
  // React Flow reports the selection again on every drag frame (the dragged node object changes): keep the
  // same state then, so the editor around the canvas does not re-render 60 times a second.
  const setSelection = useCallback(
    (next: CanvasSelection) =>
      setSelectionState((current) => (current.nodeId === next.nodeId && current.edgeId === next.edgeId ? current : next)),
    [],
  );
  const pending = useRef<string | null>(null);
  const selectNode = useCallback((nodeId: string) => {
    pending.current = nodeId;
    setSelectionState({ nodeId });
  }, []);
  useEffect(() => {
    const nodeId = pending.current;
    if (!nodeId || !store.getState().nodeLookup.has(nodeId)) return;
    pending.current = null;
    store.getState().resetSelectedElements();
    store.getState().addSelectedNodes([nodeId]);
  }, [definition, selection, store]);
  return { selection, setSelection, selectNode };
}
