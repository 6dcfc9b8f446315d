import { useMutation } from '@tanstack/react-query';
import { ApiError, apiErrorOf } from '../../../api/api-error';
import { api } from '../../../api/client';
import type { components } from '../../../api/schema';

/** One thing wrong with the draft, placed on its node or edge (the API's 400 `problems`). */
export type DefinitionProblem = components['schemas']['DefinitionProblemDto'];

/** POST /workflows/test-runs refused: the API error, plus the draft's problems when the definition was invalid. */
export class TestRunRefusedError extends ApiError {
  constructor(
    error: ApiError,
    readonly problems: DefinitionProblem[],
  ) {
    super(error.status, error.message, error.requestId, error.retryAfterSeconds);
  }
}

export interface TestRunRequest {
  definition: unknown;
  input: unknown;
  workflowId?: string;
}

/** Queues the draft as a test run (trigger TEST) and answers the execution's id. */
export function useStartTestRun() {
  return useMutation({
    mutationFn: async ({ definition, input, workflowId }: TestRunRequest) => {
      const { data, error, response } = await api.POST('/workflows/test-runs', {
        // The draft goes as the editor holds it: the API validates it like a save.
        body: { definition: definition as never, input: input as never, workflowId },
      });
      if (!response.ok || !data) {
        const problems = (error as components['schemas']['ErrorResponseDto'] | undefined)?.problems; // only on a 400
        throw new TestRunRefusedError(apiErrorOf(response, error), Array.isArray(problems) ? problems : []);
      }
      return data;
    },
  });
}
