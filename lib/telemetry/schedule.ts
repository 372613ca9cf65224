import { log } from '@/lib/log';

/**
 * Background jobs, once per process (timers on globalThis, so a second route bundle or a dev
 * reload does not start a second copy). A run never overlaps the previous one.
 */

interface Job {
  timer: NodeJS.Timeout;
  running: boolean;
}

const globalForJobs = globalThis as unknown as { __jwtPizzaJobs?: Map<string, Job> };

function jobs(): Map<string, Job> {
  globalForJobs.__jwtPizzaJobs ??= new Map();
  return globalForJobs.__jwtPizzaJobs;
}

export function every(name: string, intervalMs: number, run: () => Promise<unknown>): void {
  if (jobs().has(name)) return;
  const job: Job = {
    running: false,
    timer: setInterval(async () => {
      if (job.running) return;
      job.running = true;
      try {
        await run();
      } catch (error) {
        log.error('background job failed', { job: name, err: error });
      } finally {
        job.running = false;
      }
    }, intervalMs),
  };
  job.timer.unref();
  jobs().set(name, job);
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
