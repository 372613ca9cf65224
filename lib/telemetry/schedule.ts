import { log } from '@/lib/log';
import { telemetryEnabled } from './record';

/**
 * Background jobs, once per process (timers on globalThis, so a second route bundle or a dev
 * reload does not start a second copy). A run never overlaps the previous one.
 */

interface Job {
  timer: NodeJS.Timeout;
  /** The run in progress, if any. */
  current: Promise<void> | null;
  run: () => Promise<void>;
}

const globalForJobs = globalThis as unknown as { __jwtPizzaJobs?: Map<string, Job> };

function jobs(): Map<string, Job> {
  globalForJobs.__jwtPizzaJobs ??= new Map();
  return globalForJobs.__jwtPizzaJobs;
}

export function every(name: string, intervalMs: number, run: () => Promise<unknown>): void {
  if (jobs().has(name)) return;
  const job: Job = {
    current: null,
    run: () => {
      job.current ??= (async () => {
        try {
          await run();
        } catch (error) {
          log.error('background job failed', { job: name, err: error });
        } finally {
          job.current = null;
        }
      })();
      return job.current;
    },
    // Skipped while telemetry is switched off (the bench's toggle, start.ts).
    timer: setInterval(() => {
      if (telemetryEnabled()) void job.run();
    }, intervalMs),
  };
  job.timer.unref();
  jobs().set(name, job);
}

/**
 * Runs a job now rather than at its next tick, and resolves when a run that started after this
 * call has ended (a run in progress may have read its inputs too early). A no-op for a job not started.
 */
export async function runNow(name: string): Promise<void> {
  const job = jobs().get(name);
  if (!job) return;
  await job.current;
  await job.run();
}

/** Stops every job (shutdown). */
export function stopAllJobs(): void {
  for (const name of [...jobs().keys()]) stopJob(name);
}

/** Stops a job (tests, and turning the probe off). */
export function stopJob(name: string): void {
  const job = jobs().get(name);
  if (!job) return;
  clearInterval(job.timer);
  jobs().delete(name);
}
