import fs from 'node:fs';
import path from 'node:path';

/**
 * A worker killed outright (SIGKILL, the OOM killer) cannot stop its ffmpeg, and ffmpeg ignores
 * SIGPIPE, so it would transcode on as an orphan for the rest of the talk, taking the cores the
 * worker that retries the job needs. On Linux, util-linux's `setpriv --pdeathsig KILL` asks the
 * kernel to kill the tool when its parent dies; it then execs the tool, which keeps the same pid.
 * Where setpriv is missing (macOS), tools run as they are and the supervisor (docker's init,
 * systemd's cgroup) has to clean up.
 */
export function withParentDeathSignal(bin: string, args: readonly string[], setprivPath = setpriv()): [string, string[]] {
  return setprivPath ? [setprivPath, ['--pdeathsig', 'KILL', '--', bin, ...args]] : [bin, [...args]];
}

let found: string | null | undefined;

/** The setpriv binary on PATH, looked up once. */
function setpriv(): string | null {
  if (found !== undefined) return found;
  found = null;
  if (process.platform !== 'linux') return found;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'setpriv');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      found = candidate;
      break;
    } catch {
      // Not in this folder.
    }
  }
  return found;
}
