/** Runs once when a server process starts: migrate, seed, and start the embedded factory. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startApp } = await import('@/lib/startup');
  await startApp();
}
