import type { WorkflowDefinition } from './definition';
import { applyCommand, type EditorCommand } from './editor-commands';

export const HISTORY_LIMIT = 100;
/** Keystrokes in one field within this time are one undo step. */
const COALESCE_MS = 1000;

export interface EditorState {
  definition: WorkflowDefinition;
  /** The definition as last loaded or saved: the editor is dirty when it differs. */
  saved: WorkflowDefinition;
  past: WorkflowDefinition[];
  future: WorkflowDefinition[];
  coalesce?: { key: string; at: number };
}

export type EditorAction =
  | EditorCommand
  | { type: 'undo' }
  | { type: 'redo' }
  /** A definition from the server (first load, reload, after a save): history starts again. */
  | { type: 'load'; definition: WorkflowDefinition }
  /** The given definition was saved; edits made while the request ran stay dirty. */
  | { type: 'saved'; definition: WorkflowDefinition };

export function initialEditorState(definition: WorkflowDefinition): EditorState {
  return { definition, saved: definition, past: [], future: [] };
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'undo': {
      if (!state.past.length) return state;
      const previous = state.past[state.past.length - 1];
      return {
        ...state,
        definition: previous,
        past: state.past.slice(0, -1),
        future: [state.definition, ...state.future],
        coalesce: undefined,
      };
    }
    case 'redo': {
      if (!state.future.length) return state;
      const [next, ...future] = state.future;
      return { ...state, definition: next, past: [...state.past, state.definition], future, coalesce: undefined };
    }
    case 'load':
      return initialEditorState(action.definition);
    case 'saved':
      return { ...state, saved: action.definition };
    default:
      return applyToHistory(state, action);
  }
}

function applyToHistory(state: EditorState, command: EditorCommand): EditorState {
  const definition = applyCommand(state.definition, command);
  if (definition === state.definition) return state;
  const now = Date.now();
  const key = command.type === 'updateNode' ? command.coalesceKey : undefined;
  const merge = key !== undefined && state.coalesce?.key === key && now - state.coalesce.at < COALESCE_MS && state.past.length > 0;
  return {
    ...state,
    definition,
    past: merge ? state.past : [...state.past, state.definition].slice(-HISTORY_LIMIT),
    future: [],
    coalesce: key !== undefined ? { key, at: now } : undefined,
  };
}

export const isDirty = (state: EditorState) => state.definition !== state.saved;
