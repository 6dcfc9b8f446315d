import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { ApiErrors } from '@app/common';

/**
 * OpenAPI: the route takes a bearer JWT or an API key (the `api-key` scheme configureApp declares) and,
 * like every authenticated route, may answer 401 or be rate limited (429).
 */
export const ApiAuth = () => applyDecorators(ApiBearerAuth(), ApiSecurity('api-key'), ApiErrors(401, 429));
