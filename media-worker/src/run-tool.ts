import { spawn } from 'node:child_process';

export interface RunToolOptions {
  /**
   * Aborting stops the tool (SIGTERM, SIGKILL if it lingers) and rejects with an AbortError once it
   * has exited: until then it may still be writing into folders the caller is about to remove.
   */
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

/** How long a tool may take to exit after SIGTERM (ffmpeg finishes its files first) before SIGKILL. */
const killGraceMs = 5000;
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

  const { signal } = options;
  if (signal?.aborted) return Promise.reject(abortError(signal));

  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { shell: false, stdio: ['ignore', 'pipe', 'pipe'] });
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

    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), killGraceMs);
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    // A failed spawn emits 'error' and may emit 'close' too: the first one decides.
    child.once('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      settle(() => reject(error));
    });
    child.once('close', (code, exitSignal) => {
      signal?.removeEventListener('abort', onAbort);
      clearTimeout(killTimer);
      const tail = stderr.toString('utf8').trim();
      settle(() => {
        if (signal?.aborted) reject(abortError(signal));
        else if (overflow) reject(new ToolFailedError(bin, 'output-limit', code, tail, `printed more than ${maxStdout} bytes`));
        else if (code === 0) resolve({ stdout: Buffer.concat(stdout).toString('utf8'), stderr: tail });
        else if (code === null) reject(new ToolFailedError(bin, 'signal', null, tail, `was killed by ${exitSignal}`));
        else reject(new ToolFailedError(bin, 'exit', code, tail, `exited with code ${code}`));
      });
    });
  });
}

/** What an aborted run rejects with, like Node's own aborted APIs: name AbortError, the reason as cause. */
function abortError(signal: AbortSignal): Error {
  const error = new Error('The tool was stopped: the operation was aborted', { cause: signal.reason });
  error.name = 'AbortError';
  return error;
}
