/** OpenAPI schema options for a free-form JSON object (workflow definitions, inputs, outputs). */
export const JSON_OBJECT = { type: 'object', additionalProperties: true } as const;
