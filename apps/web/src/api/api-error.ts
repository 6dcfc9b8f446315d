/** A failed API call: what the error states show (status, the server's message, the request id, Retry-After). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly requestId: string | null,
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
  }
}

export function apiErrorOf(response: Response, body: unknown): ApiError {
  const message = (body as { message?: string | string[] } | undefined)?.message;
  const retryAfter = Number(response.headers.get('Retry-After'));
  return new ApiError(
    response.status,
    Array.isArray(message) ? message.join('\n') : (message ?? response.statusText ?? `HTTP ${response.status}`),
    response.headers.get('X-Request-Id'),
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  );
}
