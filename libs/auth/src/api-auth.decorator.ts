import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';

/** OpenAPI: the route takes a bearer JWT or an API key (the `api-key` scheme configureApp declares). */
export const ApiAuth = () =>
  applyDecorators(ApiBearerAuth(), ApiSecurity('api-key'), ApiUnauthorizedResponse({ description: 'Missing or invalid credentials' }));
