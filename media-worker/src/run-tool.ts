import { spawn } from 'node:child_process';

export interface RunToolOptions {
  /** Aborting kills the tool (SIGTERM) and rejects with the AbortError. */
  signal?: AbortSignal;
  /** stdout beyond this kills the tool: a truncated result is of no use. */
  maxStdoutBytes?: number;
  /** Only the end of stderr is kept: ffmpeg puts the reason for a failure last. */
  stderrTailBytes?: number;
  /**
   * Receives stdout as it arrives (ffmpeg's `-progress pipe:1`). stdout is then neither kept nor
   * capped: a long transcode prints progress for hours.
   */
  onStdout?: (chunk: string) => void;
}

export interface ToolOutput {
  stdout: string;
  stderr: string;
}

/**
 * How a tool that started ended badly. `exit`: it exited non-zero, its own verdict on the input.
 * `output-limit`: it printed more than allowed and was killed. `signal`: something else killed it
 * (a Ctrl-C sent to the whole process group, the OOM killer), which says nothing about the input.
 */
export type ToolFailure = 'exit' | 'output-limit' | 'signal';

export class ToolFailedError extends Error {
  constructor(
    readonly bin: string,
    readonly failure: ToolFailure,
    readonly exitCode: number | null,
    readonly stderrTail: string,
    reason: string,
  ) {
    super(`${bin} ${reason}${stderrTail ? `: ${stderrTail}` : ''}`);
    this.name = 'ToolFailedError';
  }
}

const defaultMaxStdout = 16 * 1024 * 1024;
const defaultStderrTail = 8 * 1024;

/**
 * Runs a binary with an argument array, never through a shell, so no file name can become a
 * command. Resolves with its output when it exits 0. If it cannot be started at all (ENOENT,
 * EAGAIN) it rejects with the spawn error itself, which callers treat as transient.
 */
export function runTool(bin: string, args: readonly string[], options: RunToolOptions = {}): Promise<ToolOutput> {
  const maxStdout = options.maxStdoutBytes ?? defaultMaxStdout;
  const tailBytes = options.stderrTailBytes ?? defaultStderrTail;

  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { shell: false, stdio: ['ignore', 'pipe', 'pipe'], signal: options.signal });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = Buffer.alloc(0);
    let overflow = false;
    // 'error' and 'close' can both fire (abort, failed spawn): the first one decides.
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };

    child.stdout.on('data', (chunk: Buffer) => {
      if (options.onStdout) {
        options.onStdout(chunk.toString('utf8'));
        return;
      }
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdout) {
        overflow = true;
        child.kill('SIGKILL');
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = Buffer.concat([stderr, chunk]);
      if (stderr.length > tailBytes) stderr = stderr.subarray(stderr.length - tailBytes);
    });

    child.once('error', (error) => settle(() => reject(error)));
    child.once('close', (code, exitSignal) => {
      const tail = stderr.toString('utf8').trim();
      settle(() => {
        if (overflow) reject(new ToolFailedError(bin, 'output-limit', code, tail, `printed more than ${maxStdout} bytes`));
        else if (code === 0) resolve({ stdout: Buffer.concat(stdout).toString('utf8'), stderr: tail });
        else if (code === null) reject(new ToolFailedError(bin, 'signal', null, tail, `was killed by ${exitSignal}`));
        else reject(new ToolFailedError(bin, 'exit', code, tail, `exited with code ${code}`));
      });
    });
  });
}
