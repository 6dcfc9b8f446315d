import { TransformFnParams } from 'class-transformer';

export const trim = ({ value }: TransformFnParams): unknown => (typeof value === 'string' ? value.trim() : value);
/** Emails are unique case-insensitively: stored and looked up trimmed and lower-cased. */
export const normalizeEmail = ({ value }: TransformFnParams): unknown => (typeof value === 'string' ? value.trim().toLowerCase() : value);
