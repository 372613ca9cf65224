import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * This process's identity in the shared database. A new id per process start, so a restarted
 * instance never overwrites the rows its previous life wrote for the same time bucket.
 */
export interface InstanceIdentity {
  id: string;
  host: string;
  pid: number;
  startedAt: Date;
}

const globalForInstance = globalThis as unknown as { __jwtPizzaInstance?: InstanceIdentity };

export function thisInstance(): InstanceIdentity {
  globalForInstance.__jwtPizzaInstance ??= {
    id: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    host: hostname(),
    pid: process.pid,
    startedAt: new Date(),
  };
  return globalForInstance.__jwtPizzaInstance;
}
