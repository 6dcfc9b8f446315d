import { apiErrorOf, type ApiError } from '../../../api/api-error';
import type { DefinitionProblem } from '../model/problems';

/** 400: the definition has problems (placed on nodes and edges) or the request was malformed (messages only). */
export class DefinitionRejectedError extends Error {
  constructor(
    readonly problems: DefinitionProblem[],
    readonly messages: string[],
  ) {
    super('The workflow has problems');
  }
}

/** 409 on a save: someone else saved a newer version since this edit started. */
export class EditConflictError extends Error {
  constructor(readonly currentVersion: number | null) {
    super('The workflow changed elsewhere');
  }
}

interface ErrorBody {
  message?: string | string[];
  problems?: DefinitionProblem[];
  currentVersion?: number;
}

/** The error a failed save throws: placed problems, an edit conflict, or the usual ApiError. */
export function saveErrorOf(response: Response, body: unknown): DefinitionRejectedError | EditConflictError | ApiError {
  const error = (body ?? {}) as ErrorBody;
  const messages = Array.isArray(error.message) ? error.message : error.message ? [error.message] : [];
  if (response.status === 400) return new DefinitionRejectedError(Array.isArray(error.problems) ? error.problems : [], messages);
  if (response.status === 409 && typeof error.currentVersion === 'number') return new EditConflictError(error.currentVersion);
  return apiErrorOf(response, body);
}
