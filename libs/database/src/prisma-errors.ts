/** A unique constraint refused the write (Prisma P2002, PostgreSQL 23505, also when wrapped as a cause). */
export function isUniqueViolation(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const candidate = error as { code?: unknown; cause?: unknown };
  return candidate.code === 'P2002' || candidate.code === '23505' || isUniqueViolation(candidate.cause, depth + 1);
}

/** Prisma's "record to update or delete does not exist" (P2025). */
export function isRecordNotFound(error: unknown): boolean {
  return !!error && typeof error === 'object' && (error as { code?: unknown }).code === 'P2025';
}
