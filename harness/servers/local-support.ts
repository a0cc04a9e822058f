import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts reaper.ts for these processes; stop() ends the watchdog once the normal teardown is done. */
export function startReaper(folder: string, pids: (number | undefined)[]): { stop(): void } {
  const script = fileURLToPath(new URL('./reaper.ts', import.meta.url));
  const reaper = spawn(process.execPath, [script, folder, ...pids.filter((pid) => pid !== undefined).map(String)], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
  });
  reaper.unref();
  // the pipe must not keep this process alive; it closes when this process ends
  (reaper.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return {
    stop() {
      reaper.kill('SIGKILL');
    },
  };
}
