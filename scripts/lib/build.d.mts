export const ROOT: string;
export const BUILD_SOURCES: string[];
export function newestMtime(target: string): number;
export function runNode(args: string[], options?: import('node:child_process').SpawnSyncOptions): number;
export function ensurePrismaClients(root?: string): number;
export function staleBuildReason(root?: string): string | undefined;
export function ensureBuild(root?: string): number;
