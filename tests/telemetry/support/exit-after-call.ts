// Ends one factory call and exits at once, before the record queue's next drain (record-queue.test.ts).
import { trackCall } from '@/lib/telemetry/record';

trackCall({ kind: 'factory', series: '/last-words', method: 'POST', origin: 'live' }).end({ status: '2xx', httpStatus: 200 });
process.exit(0);
