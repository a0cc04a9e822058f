/**
 * A tiny watchdog started beside each local server. It waits for its stdin pipe to close, which
 * happens when the test process ends in any way (even `kill -9` or a closed terminal), then stops
 * the server and deletes its temporary folder. A normal teardown does the same work first.
 *
 *   node reaper.ts <folder-to-delete|-> <pid> [<pid> ...]
 */
import { rmSync } from 'node:fs';
import { isAlive as alive } from './processes.ts';

const [folder, ...pids] = process.argv.slice(2);

function reap(): void {
  const targets = pids.map(Number).filter((pid) => Number.isInteger(pid) && pid > 0);
  for (const pid of targets) if (alive(pid)) process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 5_000;
  const finish = () => {
    const left = targets.filter(alive);
    if (left.length > 0 && Date.now() < deadline) return void setTimeout(finish, 100);
    for (const pid of left) process.kill(pid, 'SIGKILL');
    if (folder && folder !== '-') rmSync(folder, { recursive: true, force: true });
    process.exit(0);
  };
  finish();
}

process.stdin.on('data', () => undefined);
process.stdin.on('end', reap);
process.stdin.on('error', reap);
