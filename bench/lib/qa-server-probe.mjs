// Loaded into each server process of qa-fanout (`NODE_OPTIONS=--import <this file>`) before the
// server itself: notes the process's garbage collections, as the benchmark did for the node that
// ran inside its own process, and answers the benchmark's `qaProbe` requests for them over the IPC
// channel the server process already has (server/src/main.ts only sends `ready` on it). Plain
// JavaScript, because it loads before tsx does. It changes nothing in the server.
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

// tsx's module hooks run in a thread of their own that loads this file too: only the main thread serves.
if (isMainThread && process.send) {
  /** Collections of at least this long (ms), as `watchGcPauses` in qa-timing.ts notes them. */
  const minMs = 2;
  const pauses = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.duration >= minMs) pauses.push({ at: performance.timeOrigin + entry.startTime, ms: entry.duration, kind: entry.detail?.kind });
    }
  }).observe({ entryTypes: ['gc'] });

  process.on('message', (message) => {
    if (message?.qaProbe !== 'gcPauses') return;
    const { id, from, to } = message;
    process.send({ qaProbe: 'gcPauses', id, pauses: pauses.filter((pause) => pause.at + pause.ms >= from && pause.at <= to) });
  });
}
