// npm start: build if the sources changed since the last build, then serve the production
// app. Migrations and seeding run inside the server at start-up (instrumentation.ts).
import { spawn } from 'node:child_process';
import { ensureBuild, ensurePrismaClients, ROOT } from './lib/build.mjs';

for (const step of [ensurePrismaClients, ensureBuild]) {
  const status = step();
  if (status !== 0) process.exit(status);
}

const port = process.env.PORT || '3000';
const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', port], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production', PORT: port },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
