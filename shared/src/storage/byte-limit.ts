import { Transform, type TransformCallback } from 'node:stream';
import { StorageLimitError } from './media-storage';

/**
 * Passes bytes through and fails with a StorageLimitError on the first chunk that takes the total
 * past `maxBytes`, before that chunk goes further: a caller piping through it with
 * `stream.pipeline` then stops reading and destroys the source.
 */
export class ByteLimit extends Transform {
  #bytes = 0;

  constructor(readonly maxBytes: number) {
    super();
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) throw new RangeError(`maxBytes must be a whole number >= 0, got ${maxBytes}`);
  }

  /** Bytes passed through so far. */
  get bytes(): number {
    return this.#bytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#bytes += chunk.length;
    if (this.#bytes > this.maxBytes) callback(new StorageLimitError(this.maxBytes));
    else callback(null, chunk);
  }
}
