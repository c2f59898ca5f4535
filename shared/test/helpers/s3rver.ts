import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** s3rver's fixed credentials: it checks request signatures against them. */
export const s3rverCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface RunningS3rver {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts s3rver, a real S3-protocol HTTP server backed by a temporary folder, on a free port in a
 * child process (see s3rver-process.cjs for why it is not in this process). `bucket` exists from
 * the start.
 */
export async function startS3rver(bucket: string): Promise<RunningS3rver> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'rounds-s3rver-'));
  const child = spawn(process.execPath, ['--openssl-legacy-provider', path.join(__dirname, 's3rver-process.cjs'), directory, bucket], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const stop = async () => {
    await stopChild(child);
    await fs.rm(directory, { recursive: true, force: true });
  };
  try {
    const port = await firstLinePort(child);
    return { endpoint: `http://127.0.0.1:${port}`, stop };
  } catch (error) {
    await stop();
    throw new Error(`s3rver did not start: ${(error as Error).message}\n${stderr}`);
  }
}

async function firstLinePort(child: ChildProcess): Promise<number> {
  const lines = createInterface({ input: child.stdout! });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`exited with code ${String(code)}`);
  });
  const line = once(lines, 'line').then(([text]) => (JSON.parse(String(text)) as { port: number }).port);
  try {
    return await Promise.race([line, exited]);
  } finally {
    lines.close();
    // Whichever lost the race must not become an unhandled rejection later.
    exited.catch((error: unknown) => error);
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
