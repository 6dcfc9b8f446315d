import { foldUnchanged, sideBySide } from './side-by-side';

describe('sideBySide', () => {
  it('aligns unchanged lines and puts a replaced block opposite its replacement', () => {
    const rows = sideBySide('a\nb\nc\nd\n', 'a\nB\nc\nd\ne\n');
    expect(rows.map((r) => [r.left.kind, r.left.text, r.right.kind, r.right.text])).toEqual([
      ['same', 'a', 'same', 'a'],
      ['removed', 'b', 'added', 'B'],
      ['same', 'c', 'same', 'c'],
      ['same', 'd', 'same', 'd'],
      ['empty', '', 'added', 'e'],
    ]);
    expect(rows.map((r) => [r.left.number, r.right.number])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
      [null, 5],
    ]);
  });

  it('shows a removed block against empty lines', () => {
    const rows = sideBySide('a\nx\ny\nb\n', 'a\nb\n');
    expect(rows.filter((r) => r.left.kind === 'removed').map((r) => [r.left.text, r.right.kind])).toEqual([
      ['x', 'empty'],
      ['y', 'empty'],
    ]);
  });
});

describe('foldUnchanged', () => {
  it('keeps the context around changes and folds the rest', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const after = before.replace('line 10\n', 'line ten\n');
    const folded = foldUnchanged(sideBySide(before, after), 2);
    expect(folded[0]).toEqual({ fold: 8 });
    expect(folded.slice(1, 6).map((r) => ('left' in r ? r.left.text : r))).toEqual(['line 8', 'line 9', 'line 10', 'line 11', 'line 12']);
    expect(folded[6]).toEqual({ fold: 7 });
  });
});
