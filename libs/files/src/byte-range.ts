/** An inclusive byte range of a file, as a Range header asked for it. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * `Range: bytes=a-b | a- | -n` for one range. Undefined: serve the whole file (no header, another unit,
 * several ranges, or a malformed one, which RFC 9110 lets a server ignore). 'unsatisfiable': answer 416.
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
