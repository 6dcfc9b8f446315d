import { dumpEdgeProblems } from './dump-format.util';

const HEAD = '--\n-- PostgreSQL database dump\n--\n\n\\restrict abc123\n\n-- Dumped from database version 15.20\n';
const TAIL = '--\n-- PostgreSQL database dump complete\n--\n\n\\unrestrict abc123\n\n';

describe('plain pg_dump header and trailer', () => {
  it('accept a complete dump', () => expect(dumpEdgeProblems(HEAD, TAIL)).toEqual([]));

  it('flag a dump cut short, one that is not a dump, and an unclosed \\restrict fence', () => {
    expect(dumpEdgeProblems(HEAD, 'COPY public.users (id) FROM stdin;\n1\n')).toEqual([
      'the dump has no "dump complete" trailer (it was cut short)',
      'the \\restrict fence opened by the header is not closed by the trailer',
    ]);
    expect(dumpEdgeProblems('hello', TAIL)).toEqual(['the dump does not start with the PostgreSQL dump header']);
  });
});
