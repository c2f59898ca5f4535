/** The inclusive byte range `read` takes. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Throws a RangeError unless start and end are whole numbers with 0 <= start <= end. A range that
 * reaches past the object is allowed: both drivers stop at its last byte, and a start past the
 * end gives no bytes, so a caller answering HTTP Range requests compares with `stat` first.
 */
export function assertRange({ start, end }: ByteRange): void {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError(`Not a byte range: ${start}-${end}`);
  }
}
