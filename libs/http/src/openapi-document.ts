import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { APP_VERSION } from '@app/config';
import { ErrorResponseDto, PUBLIC_SECURITY_MARKER } from '@app/common';

export const OPENAPI_TITLE = 'workflow-platform API';

/** The API's OpenAPI document: what /docs-json serves and `npm run openapi` writes to openapi.json. */
export function createOpenApiDocument(app: INestApplication, title = OPENAPI_TITLE): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(title)
    .setDescription('Self-hostable workflow automation backend. Errors are `{statusCode, error, message, errorId?}` (ErrorResponseDto).')
    .setVersion(APP_VERSION)
    .setLicense('UNLICENSED', 'https://choosealicense.com/no-permission/')
    .addServer('/', 'This server')
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
    // Either scheme: a JWT or an API key. Public routes override this with `security: []`.
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('api-key')
    .addGlobalResponse({
      status: 500,
      description: 'Unexpected error; the body carries an errorId the server log has too',
      type: ErrorResponseDto,
    })
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorResponseDto] });
  for (const operation of operationsOf(document)) {
    markPublic(operation);
    describeErrorBodies(operation);
  }
  return document;
}

function operationsOf(document: OpenAPIObject): OperationObject[] {
  return Object.values(document.paths).flatMap((pathItem) =>
    Object.values(pathItem).filter((value): value is OperationObject => Boolean(value?.responses)),
  );
}

function markPublic(operation: OperationObject): void {
  if (operation.security?.some((requirement) => PUBLIC_SECURITY_MARKER in requirement)) operation.security = [];
}

/**
 * AllExceptionsFilter sends every 4xx/5xx as JSON ErrorResponseDto, also on routes that produce a
 * stream or a file, so an error documented without a JSON body (or with the route's media type) gets it.
 */
function describeErrorBodies(operation: OperationObject): void {
  for (const [status, response] of Object.entries(operation.responses) as Array<[string, ResponseObject]>)
    if (/^[45]\d\d$/.test(status) && !response.content?.['application/json'])
      response.content = { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) } } };
}
