import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MediaStorage } from '@rounds/shared/src/storage/media-storage';
import { UnrecoverableError } from 'bullmq';
import pino from 'pino';
import { processorFor, processors } from '../../src/processors';
import { probe } from '../../src/processors/probe';
import type { ProcessorContext } from '../../src/processors/types';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-unit-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A stand-in for ffprobe: a script that behaves as the test says, so no real ffmpeg is needed. */
function fakeFfprobe(name: string, body: string): string {
  const bin = path.join(dir, name);
  fs.writeFileSync(bin, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return bin;
}

/** The probe job never touches storage: every method fails the test if it is called. */
const unusedStorage: MediaStorage = {
  putFile: notUsed,
  putStream: notUsed,
  putDirectory: notUsed,
  localPath: notUsed,
  read: notUsed,
  stat: notUsed,
  list: notUsed,
  deletePrefix: notUsed,
};
function notUsed(): never {
  throw new Error('the probe job must not use storage');
}

function contextWith(ffprobeBin: string): ProcessorContext {
  return {
    logger: pino({ level: 'silent' }),
    signal: new AbortController().signal,
    tools: { ffmpegBin: '/nonexistent/ffmpeg', ffprobeBin },
    storage: unusedStorage,
    scratchDir: dir,
    reportProgress: () => undefined,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the job to fail');
}

describe('processorFor', () => {
  it('finds the processor of a known job', () => {
    expect(processorFor('probe')).toBe(processors.probe);
    expect(processorFor('transcode')).toBe(processors.transcode);
  });

  it.each(['transcode-4k', 'constructor', '__proto__', 'toString'])('fails the unknown job %j permanently', (name) => {
    expect(() => processorFor(name)).toThrow(UnrecoverableError);
    expect(() => processorFor(name)).toThrow(`Unknown job "${name}"`);
  });
});

describe('probe processor', () => {
  // If ffprobe were reached, this bin would fail with a retryable ENOENT, not the asserted error.
  const unreachable = '/nonexistent/ffprobe';

  it.each([
    ['a relative path', 'recordings/talk.mp4', 'is not an absolute path'],
    ['a URL', 'http://example.com/talk.mp4', 'is a URL; only paths of local files are accepted'],
    ['a missing file', '/nonexistent/dir/talk.mp4', 'does not exist'],
    ['a directory', os.tmpdir(), 'is not a regular file'],
  ])('fails %s permanently with a readable reason', async (_case, filePath, reason) => {
    const error = await failureOf(probe({ path: filePath }, contextWith(unreachable)));
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect(error.message).toMatch(/^The file is not a readable media file: /);
    expect(error.message).toContain(reason);
  });

  it('fails an empty file permanently', async () => {
    const empty = path.join(dir, 'empty.mp4');
    fs.writeFileSync(empty, '');
    const error = await failureOf(probe({ path: empty }, contextWith(unreachable)));
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect(error.message).toContain('is empty');
  });

  it('fails a payload that does not match the shared schema permanently', async () => {
    const error = await failureOf(probe({ file: '/x.mp4' }, contextWith(unreachable)));
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect(error.message).toMatch(/^The probe job payload is invalid: path /);
  });

  describe('on a regular file', () => {
    let file: string;
    beforeAll(() => {
      file = path.join(dir, 'talk.mp4');
      fs.writeFileSync(file, 'not really a video');
    });

    it('fails permanently with ffprobe\'s own reason when ffprobe rejects the file', async () => {
      const bin = fakeFfprobe('ffprobe-rejects', `echo "file:${file}: Invalid data found when processing input" >&2; exit 1`);
      const error = await failureOf(probe({ path: file }, contextWith(bin)));
      expect(error).toBeInstanceOf(UnrecoverableError);
      expect(error.message).toBe(`The file is not a readable media file: ${file} (ffprobe: Invalid data found when processing input)`);
    });

    it("gives the demuxer's cause before ffprobe's verdict when there is one", async () => {
      const bin = fakeFfprobe(
        'ffprobe-truncated',
        `printf '%s\\n' "[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d0c1b2a240] moov atom not found" "file:${file}: Invalid data found when processing input" >&2; exit 1`,
      );
      const error = await failureOf(probe({ path: file }, contextWith(bin)));
      expect(error.message).toBe(`The file is not a readable media file: ${file} (ffprobe: moov atom not found; Invalid data found when processing input)`);
    });

    it('retries when ffprobe cannot be started', async () => {
      const error = await failureOf(probe({ path: file }, contextWith(unreachable)));
      expect(error).not.toBeInstanceOf(UnrecoverableError);
      expect((error as NodeJS.ErrnoException).code).toBe('ENOENT');
    });

    it('retries when ffprobe is killed by a signal, which says nothing about the file', async () => {
      const bin = fakeFfprobe('ffprobe-killed', 'kill -TERM $$');
      const error = await failureOf(probe({ path: file }, contextWith(bin)));
      expect(error).not.toBeInstanceOf(UnrecoverableError);
      expect(error.message).toContain('was killed by SIGTERM');
    });

    it('returns the parsed result when ffprobe succeeds', async () => {
      const output = JSON.stringify({
        format: { format_name: 'matroska,webm', duration: '12.5' },
        streams: [{ index: 0, codec_type: 'audio', codec_name: 'opus' }],
      });
      const bin = fakeFfprobe('ffprobe-ok', `cat <<'JSON'\n${output}\nJSON`);
      await expect(probe({ path: file }, contextWith(bin))).resolves.toEqual({
        durationSec: 12.5,
        formatName: 'matroska,webm',
        streams: [{ index: 0, kind: 'audio', codec: 'opus' }],
      });
    });
  });
});

describe('transcode processor', () => {
  it('fails a payload that does not match the shared schema permanently, before touching storage', async () => {
    const error = await failureOf(
      processors.transcode({ recordingId: 'not-a-uuid', version: 1, inputs: [], trim: null, outputPrefix: '../etc' }, contextWith('/nonexistent/ffprobe')),
    );
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect(error.message).toMatch(/^The transcode job payload is invalid: recordingId Invalid uuid; inputs /);
    expect(error.message).toContain('outputPrefix must be a relative storage key');
  });
});
