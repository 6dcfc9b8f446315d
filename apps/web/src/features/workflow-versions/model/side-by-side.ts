import { diffLines } from 'diff';

export type LineKind = 'same' | 'removed' | 'added' | 'empty';

export interface DiffLine {
  number: number | null;
  text: string;
  kind: LineKind;
}

export interface DiffRow {
  left: DiffLine;
  right: DiffLine;
}

export interface FoldedLines {
  fold: number;
}

const EMPTY: DiffLine = { number: null, text: '', kind: 'empty' };

const linesOf = (value: string) => {
  const lines = value.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
};

/** Two texts as aligned rows: unchanged lines side by side, a removed block facing the block that replaced it. */
export function sideBySide(before: string, after: string): DiffRow[] {
  const changes = diffLines(before, after);
  const rows: DiffRow[] = [];
  let left = 1;
  let right = 1;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i];
    const lines = linesOf(change.value);
    if (!change.added && !change.removed) {
      for (const text of lines) rows.push({ left: { number: left++, text, kind: 'same' }, right: { number: right++, text, kind: 'same' } });
    } else if (change.removed) {
      const replacement = changes[i + 1]?.added ? linesOf(changes[++i].value) : [];
      for (let k = 0; k < Math.max(lines.length, replacement.length); k++)
        rows.push({
          left: k < lines.length ? { number: left++, text: lines[k], kind: 'removed' } : EMPTY,
          right: k < replacement.length ? { number: right++, text: replacement[k], kind: 'added' } : EMPTY,
        });
    } else {
      for (const text of lines) rows.push({ left: EMPTY, right: { number: right++, text, kind: 'added' } });
    }
  }
  return rows;
}

/** Long runs of unchanged rows folded away, keeping `context` rows around each change. */
export function foldUnchanged(rows: DiffRow[], context = 3): (DiffRow | FoldedLines)[] {
  const changed = rows.map((row) => row.left.kind !== 'same');
  const keep = rows.map((_, i) => changed.slice(Math.max(0, i - context), i + context + 1).some(Boolean));
  const out: (DiffRow | FoldedLines)[] = [];
  let folded = 0;
  rows.forEach((row, i) => {
    if (keep[i]) {
      if (folded) out.push({ fold: folded });
      folded = 0;
      out.push(row);
    } else folded++;
  });
  if (folded) out.push({ fold: folded });
  return out;
}

export const prettyJson = (value: unknown) => `${JSON.stringify(value, null, 2) ?? 'null'}\n`;
