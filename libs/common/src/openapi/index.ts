export { ApiErrors } from './api-errors.decorator';
export { ApiPageResponse } from './api-page.decorator';
export { ErrorResponseDto } from './error-response.dto';
export { JSON_OBJECT } from './json-value';
