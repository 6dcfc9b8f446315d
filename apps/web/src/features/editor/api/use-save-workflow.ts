import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { keys } from '../../../api/keys';
import type { WorkflowDefinition } from '../model/definition';
import { saveErrorOf } from './save-errors';

export interface SaveWorkflowInput {
  /** Absent for a workflow never saved: the save creates it. */
  id?: string;
  name: string;
  description: string;
  /** Absent when only name or description changed (no new version). */
  definition?: WorkflowDefinition;
  baseVersion?: number;
  /** Overwrite a newer version saved elsewhere (after the user chose so in the conflict dialog). */
  force?: boolean;
}

/** POST (create) or PATCH (a new version, carrying baseVersion); throws DefinitionRejectedError or EditConflictError. */
export function useSaveWorkflow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: SaveWorkflowInput) => {
      const { data, error, response } = input.id
        ? await api.PATCH('/workflows/{id}', {
            params: { path: { id: input.id } },
            body: {
              name: input.name,
              description: input.description,
              definition: input.definition,
              baseVersion: input.baseVersion,
              force: input.force || undefined,
            },
          })
        : await api.POST('/workflows', {
            body: { name: input.name, description: input.description || undefined, definition: input.definition! },
          });
      if (!response.ok || !data) throw saveErrorOf(response, error);
      return data;
    },
    onSuccess: (workflow) => {
      queryClient.setQueryData(keys.workflows.detail(workflow.id), workflow);
      void queryClient.invalidateQueries({ queryKey: keys.workflows.webhook(workflow.id) });
      void queryClient.invalidateQueries({ queryKey: keys.workflows.versions(workflow.id) });
      void queryClient.invalidateQueries({ queryKey: [...keys.workflows.all, 'list'] });
    },
  });
}
