import type { RJSFSchema, ValidatorType } from '@rjsf/utils';

type Schema = RJSFSchema & { required?: string[]; const?: unknown; enum?: unknown[] };

/**
 * The form's validator. ajv compiles schemas with `new Function`, which the console's CSP forbids, and
 * the API checks every save anyway; rjsf only needs `isValid` to pick oneOf/anyOf options, which
 * `required`, `const` and `enum` decide for the node types we have.
 */
export const schemaValidator: ValidatorType = {
  validateFormData: () => ({ errors: [], errorSchema: {} }),
  rawValidation: () => ({ errors: [] }),
  isValid(schema, formData) {
    const s = schema as Schema;
    if (s.const !== undefined && formData !== s.const) return false;
    if (Array.isArray(s.enum) && !s.enum.includes(formData)) return false;
    if (s.required?.length) {
      if (!formData || typeof formData !== 'object') return false;
      if (!s.required.every((key) => (formData as Record<string, unknown>)[key] !== undefined)) return false;
    }
    return true;
  },
};
