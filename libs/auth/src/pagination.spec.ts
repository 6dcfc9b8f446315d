import { pageArgs, toPage } from './pagination';

describe('cursor pagination', () => {
  it('asks for one row more than the page, after the cursor', () => {
    expect(pageArgs({})).toMatchObject({ take: 21 });
    expect(pageArgs({ limit: 5, cursor: 'c' })).toMatchObject({ take: 6, cursor: { id: 'c' }, skip: 1 });
  });

  it('gives the last id as the next cursor only when there is more', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(toPage(rows, { limit: 2 })).toEqual({ items: [{ id: 'a' }, { id: 'b' }], nextCursor: 'b' });
    expect(toPage(rows, { limit: 3 })).toEqual({ items: rows, nextCursor: null });
  });
});
