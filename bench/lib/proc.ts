import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second (`getconf CLK_TCK`), the unit of utime/stime in /proc/<pid>/stat. */
const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time (user + system, all threads) a process has used so far, in microseconds, read from
 * /proc/<pid>/stat. The same reading for every process we compare (mediasoup worker, Node relay,
 * receivers, ffmpeg), so no process is measured with a different clock.
 */
export function cpuMicros(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; fields after its closing parenthesis start at field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: (Number(fields[11]) * 1e6) / clockTicks, system: (Number(fields[12]) * 1e6) / clockTicks };
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until the process is gone (SIGKILL after the timeout). */
export async function waitForExit(pid: number, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid) && Date.now() < deadline) await sleep(20);
  if (isRunning(pid)) process.kill(pid, 'SIGKILL');
}

/**
 * Packets the kernel dropped at each of the given local UDP ports (IPv4) because the socket's
 * receive buffer was full: the `drops` column of /proc/net/udp. Such a packet did reach its socket.
 */
export function udpDrops(ports: ReadonlySet<number>): Map<number, number> {
  const drops = new Map<number, number>();
  for (const line of readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 13) continue;
    const port = parseInt(fields[1]!.split(':')[1]!, 16);
    if (ports.has(port)) drops.set(port, (drops.get(port) ?? 0) + Number(fields[fields.length - 1]));
  }
  return drops;
}
