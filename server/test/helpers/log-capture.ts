import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';

/** A real pino logger whose JSON lines are kept in memory, so tests can assert what was logged. */
export function capturingLogger(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: createLogger(level, stream), lines };
}
