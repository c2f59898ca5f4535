import { existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';

/**
 * True while the process runs. A zombie (exited, not yet reaped by its parent or by PID 1) counts as
 * gone: `process.kill(pid, 0)` alone still succeeds for it.
 */
export function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state ..."; comm may hold spaces or parentheses, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    // Gone between the two checks, or no procfs (not Linux), where signal 0 is all we can know.
    return !existsSync('/proc/self/stat');
  }
}

/** A TCP port free right now on 127.0.0.1 (for a child process that cannot be told to use port 0). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}
