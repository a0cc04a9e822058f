/**
 * The newer servers verify proves the course on (`npm run verify -- --server mysql-9.7`): Debian's
 * own package of each, in a chroot that `.ci/servers` builds once (root needed) and every run
 * reuses. Each start copies the chroot's initialised data folder, so no run sees another's data,
 * starts the server on a free loopback port with the test servers' settings, and hands back a
 * URL for KATA_MYSQL_URL. The server keeps its packaged defaults otherwise (MariaDB 11.8's
 * utf8mb4_uca1400_ai_ci, MySQL's utf8mb4_0900_ai_ci): what a student's own server has.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { capture, spawnUntilReady, stopProcess } from '../../harness/servers/processes.ts';
import { freePort, startReaper } from '../../harness/servers/local-support.ts';
import { MAX_CONNECTIONS } from '../../harness/servers/local-mysql.ts';

/** The servers verify knows: the machine's own MariaDB (the local path), and the two chroots. */
export const SERVERS = {
  'mariadb-10.11': { chroot: false, binary: 'mariadbd', version: /^10\.11\./ },
  'mariadb-11.8': { chroot: true, binary: '/usr/sbin/mariadbd', version: /^11\.8\./ },
  'mysql-9.7': { chroot: true, binary: '/usr/sbin/mysqld', version: /^9\.7\./ },
} as const;
export type ServerName = keyof typeof SERVERS;
export const isServerName = (name: string): name is ServerName => Object.hasOwn(SERVERS, name);

const script = fileURLToPath(new URL('../../.ci/servers', import.meta.url));

/** The chroot's folder, built first when missing; throws with `.ci/servers`' one-line reason. */
async function chrootOf(name: ServerName): Promise<string> {
  const found = await capture('bash', [script, 'path', name]);
  if (found.code === 0) return found.output.trim();
  // building prints its progress on this process's stderr: it takes minutes
  const built = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('bash', [script, 'build', name], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (built !== 0) throw new Error(`server ${name} cannot be had: its chroot could not be built (see the [servers] line above)`);
  return (await capture('bash', [script, 'path', name])).output.trim();
}

export type ChrootServer = { url: string; stop(): Promise<void> };

export async function startChrootServer(name: ServerName): Promise<ChrootServer> {
  const server = SERVERS[name];
  const dir = await chrootOf(name);
  const mysql = name.startsWith('mysql');
  // the data folder lives inside the chroot, where the server sees it as /tmp/<name>
  const data = await mkdtemp(join(dir, 'tmp', 'kata-data-'));
  const inside = `/tmp/${basename(data)}`;
  try {
    await cp(join(dir, 'var', 'lib', 'kata-template'), data, { recursive: true });
    // a TCP user for the host: root@localhost only answers on the socket inside the chroot
    await writeFile(join(data, 'kata-user.sql'), "CREATE USER IF NOT EXISTS 'kata'@'%' IDENTIFIED BY 'kata';\nGRANT ALL ON *.* TO 'kata'@'%' WITH GRANT OPTION;\n");
    const port = await freePort();
    const { child } = await spawnUntilReady(
      'chroot',
      [
        dir,
        server.binary,
        '--no-defaults',
        '--user=root',
        `--datadir=${inside}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        `--socket=${inside}/mysqld.sock`,
        `--pid-file=${inside}/mysqld.pid`,
        `--init-file=${inside}/kata-user.sql`,
        '--skip-log-bin',
        '--skip-name-resolve',
        '--character-set-server=utf8mb4',
        '--default-time-zone=+00:00',
        // as the local server (harness/servers/local-mysql.ts) and CI's MySQL container
        `--max-connections=${MAX_CONNECTIONS}`,
        '--innodb-buffer-pool-size=64M',
        '--innodb-flush-log-at-trx-commit=2',
        '--innodb-doublewrite=OFF',
        '--performance-schema=OFF',
        ...(mysql ? ['--mysqlx=OFF'] : []),
      ],
      /ready for connections/,
      120_000,
    );
    child.stdout?.resume();
    child.stderr?.resume();
    const reaper = startReaper(data, [child.pid]);
    return {
      url: `mysql://kata:kata@127.0.0.1:${port}/`,
      async stop() {
        await stopProcess(child, 15_000);
        await rm(data, { recursive: true, force: true });
        reaper.stop();
      },
    };
  } catch (error) {
    await rm(data, { recursive: true, force: true });
    throw new Error(`server ${name} cannot be had: it did not start in ${dir}: ${error instanceof Error ? error.message : error}`);
  }
}
