import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto';

const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: the message says which field and why',
  401: 'Missing or invalid credentials',
  403: 'Not allowed for this user or API key scope',
  404: 'Not found (or not the caller’s)',
  409: 'Conflicts with the current state',
  413: 'Payload too large',
  415: 'Unsupported media type',
  416: 'Range not satisfiable',
  422: 'Well-formed but not acceptable input',
  429: 'Rate limited: retry after the Retry-After header',
  503: 'A dependency (database, Redis, queue) is unavailable; retry shortly',
};

/** OpenAPI: the route can answer these statuses with the shared error body; pass [status, description] to be specific. */
export const ApiErrors = (...errors: Array<number | [number, string]>) =>
  applyDecorators(
    ...errors.map((error) => {
      const [status, description] = Array.isArray(error) ? error : [error, DEFAULT_DESCRIPTIONS[error] ?? 'Error'];
      return ApiResponse({ status, description, type: ErrorResponseDto });
    }),
  );
