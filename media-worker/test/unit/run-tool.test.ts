import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTool, ToolFailedError } from '../../src/run-tool';

// The tool under test is node itself: a real process, with behaviour the test controls.
const node = process.execPath;

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the tool run to fail');
}

describe('runTool', () => {
  it('passes arguments verbatim, with no shell to expand them', async () => {
    const args = ['a b', '$(touch /tmp/pwned)', '*', '; echo hi'];
    const { stdout } = await runTool(node, ['-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))', ...args]);
    expect(JSON.parse(stdout)).toEqual(args);
  });

  it('rejects with the end of stderr when the tool exits non-zero', async () => {
    const script = "process.stderr.write('x'.repeat(100000) + '\\nthe actual reason\\n'); process.exit(3)";
    const error = await failureOf(runTool(node, ['-e', script], { stderrTailBytes: 1024 }));
    expect(error).toBeInstanceOf(ToolFailedError);
    const failed = error as ToolFailedError;
    expect(failed.failure).toBe('exit');
    expect(failed.exitCode).toBe(3);
    expect(failed.stderrTail.endsWith('the actual reason')).toBe(true);
    expect(failed.stderrTail.length).toBeLessThanOrEqual(1024);
    expect(failed.message).toContain('exited with code 3');
  });

  it('kills a tool whose output passes the cap', async () => {
    const script = "setInterval(() => process.stdout.write('y'.repeat(65536)), 1)";
    const error = await failureOf(runTool(node, ['-e', script], { maxStdoutBytes: 256 * 1024 }));
    expect(error).toBeInstanceOf(ToolFailedError);
    expect((error as ToolFailedError).failure).toBe('output-limit');
  });

  it('kills the tool when the signal aborts', async () => {
    const controller = new AbortController();
    const run = runTool(node, ['-e', "process.stdout.write('started'); setInterval(() => {}, 1000)"], { signal: controller.signal });
    controller.abort();
    const error = await failureOf(run);
    expect((error as Error).name).toBe('AbortError');
  });

  it('rejects on abort only once the tool has exited, so its last writes are done', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-run-tool-'));
    const marker = path.join(dir, 'written-on-exit');
    // Like ffmpeg on SIGTERM: it takes a moment to finish its files before exiting.
    const script = `process.on('SIGTERM', () => setTimeout(() => { require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); process.exit(255); }, 300));
      process.stdout.write('started'); setInterval(() => {}, 1000);`;
    const controller = new AbortController();
    try {
      const run = runTool(node, ['-e', script], { signal: controller.signal, onStdout: () => controller.abort() });
      const error = await failureOf(run);
      expect((error as Error).name).toBe('AbortError');
      expect(fs.existsSync(marker)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not start the tool when the signal has already aborted', async () => {
    const error = await failureOf(runTool('/nonexistent/ffmpeg', ['-version'], { signal: AbortSignal.abort() }));
    expect((error as Error).name).toBe('AbortError');
  });

  it('rejects with the spawn error when the binary cannot be started', async () => {
    const error = await failureOf(runTool('/nonexistent/ffprobe', ['-version']));
    expect(error).not.toBeInstanceOf(ToolFailedError);
    expect((error as NodeJS.ErrnoException).code).toBe('ENOENT');
  });
});
