import { endExperimentByToken } from '@/lib/factory/config';
import { factoryRoute, preflight } from '@/lib/factory/http';

// GET too, because course scripts and people open the reportUrl in a browser.
const report = factoryRoute(async (_request, params) => {
  const version = await endExperimentByToken(String(params.token));
  return { message: `thank you for the report; the drill is over (configuration v${version.version})`, version: version.version };
});

export { report as GET, report as POST };
export const OPTIONS = preflight;
