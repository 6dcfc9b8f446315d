export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Newest first, by id cursor; one extra row tells whether another page exists. */
export function pageArgs(query: { cursor?: string; limit?: number }) {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  return {
    take: limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    orderBy: [{ createdAt: 'desc' as const }, { id: 'desc' as const }],
  };
}

export function toPage<T extends { id: string }>(rows: T[], query: { limit?: number }): Page<T> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}
