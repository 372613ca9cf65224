import { handlers } from '@/lib/auth/next-auth';
import { observed } from '@/lib/telemetry/http';

export const GET = observed('/api/session/*', handlers.GET);
export const POST = observed('/api/session/*', handlers.POST);
