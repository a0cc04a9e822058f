/**
 * Path 3 for MySQL: a throwaway MariaDB (or MySQL) server from the machine's own packages, in a
 * temporary data folder, on a free loopback port. Starts in about a second.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable, run, spawnUntilReady, stopProcess } from './processes.ts';
import { freePort, startReaper } from './local-support.ts';

export type LocalServer = {
  url: string;
  description: string;
  stop(): Promise<void>;
  /** what a local server leaves on the machine while it runs (the tests check it is gone after) */
  footprint?: { pids: number[]; folder?: string };
};

export function localMysqlAvailable(): boolean {
  return findExecutable('mariadbd', 'mysqld') !== undefined;
}

export async function startLocalMysql(): Promise<LocalServer> {
  const server = findExecutable('mariadbd', 'mysqld');
  if (!server) throw new Error('neither mariadbd nor mysqld was found');
  const isMariaDb = server.endsWith('mariadbd') || (await run(server, ['--version'])).includes('MariaDB');
  const dataDir = await mkdtemp(join(tmpdir(), 'kata-mysql-'));
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
  try {
    if (isMariaDb) {
      const installDb = findExecutable('mariadb-install-db', 'mysql_install_db');
      if (!installDb) throw new Error('mariadb-install-db was not found next to mariadbd');
      await run(installDb, ['--no-defaults', `--datadir=${dataDir}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...asRoot]);
    } else {
      await run(server, ['--no-defaults', '--initialize-insecure', `--datadir=${dataDir}`, ...asRoot]);
    }
    const port = await freePort();
    const { child } = await spawnUntilReady(
      server,
      [
        '--no-defaults',
        `--datadir=${dataDir}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(dataDir, 'mysqld.sock')}`,
        `--pid-file=${join(dataDir, 'mysqld.pid')}`,
        '--skip-log-bin',
        '--skip-name-resolve',
        // the course's charset; a server started with --no-defaults would otherwise use latin1
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_unicode_ci',
        '--default-time-zone=+00:00',
        '--max-connections=500',
        // a throwaway server: trade durability for speed
        '--innodb-buffer-pool-size=64M',
        '--innodb-flush-log-at-trx-commit=0',
        '--innodb-doublewrite=0',
        '--performance-schema=OFF',
        ...asRoot,
      ],
      /ready for connections/,
      30_000,
    );
    const reaper = startReaper(dataDir, [child.pid]);
    return {
      url: `mysql://root@127.0.0.1:${port}/`,
      description: `local ${isMariaDb ? 'mariadbd' : 'mysqld'}, 127.0.0.1:${port}`,
      footprint: { pids: child.pid ? [child.pid] : [], folder: dataDir },
      async stop() {
        await stopProcess(child);
        await rm(dataDir, { recursive: true, force: true });
        reaper.stop();
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
