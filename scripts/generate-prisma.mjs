// Generates both Prisma clients (SQLite and PostgreSQL). `prisma generate` never runs the
// schema engine, but the CLI insists on a path to one; Prisma's download is unreachable here.
import { execFileSync } from 'node:child_process';

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/false' };
for (const schema of ['prisma/sqlite', 'prisma/postgres']) {
  execFileSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate', '--schema', schema], { stdio: 'inherit', env });
}
