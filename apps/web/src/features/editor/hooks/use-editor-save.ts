import { useState } from 'react';
import { ApiError } from '../../../api/api-error';
import { DefinitionRejectedError, EditConflictError } from '../api/save-errors';
import { useSaveWorkflow } from '../api/use-save-workflow';
import type { WorkflowDefinition } from '../model/definition';
import { NO_PROBLEMS, placeProblems, type PlacedProblems } from '../model/problems';

type SavedWorkflow = Awaited<ReturnType<ReturnType<typeof useSaveWorkflow>['mutateAsync']>>;

export interface SaveRequest {
  id?: string;
  name: string;
  description: string;
  definition: WorkflowDefinition;
  definitionChanged: boolean;
  baseVersion?: number;
}

/**
 * Save with its outcomes: problems placed on the canvas (400), the conflict dialog's state (409),
 * any other error. `onSaved` gets the answer and the definition that was sent.
 */
export function useEditorSave(onSaved: (workflow: SavedWorkflow, sent: WorkflowDefinition) => void) {
  const mutation = useSaveWorkflow();
  const [problems, setProblems] = useState<PlacedProblems>(NO_PROBLEMS);
  const [conflict, setConflict] = useState<{ currentVersion: number | null; request: SaveRequest } | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);

  const save = async (request: SaveRequest, force = false) => {
    setError(null);
    try {
      const workflow = await mutation.mutateAsync({
        id: request.id,
        name: request.name,
        description: request.description,
        definition: request.definitionChanged || !request.id ? request.definition : undefined,
        baseVersion: request.baseVersion,
        force,
      });
      setProblems(NO_PROBLEMS);
      setConflict(null);
      onSaved(workflow, request.definition);
    } catch (e) {
      if (e instanceof DefinitionRejectedError) setProblems(placeProblems(e.problems, e.messages));
      else if (e instanceof EditConflictError) setConflict({ currentVersion: e.currentVersion, request });
      else setError(e as Error);
    }
  };

  return {
    save: (request: SaveRequest) => save(request),
    overwrite: () => conflict && save(conflict.request, true),
    dismissConflict: () => setConflict(null),
    clearProblems: () => setProblems(NO_PROBLEMS),
    saving: mutation.isPending,
    problems,
    conflict,
    error,
  };
}
