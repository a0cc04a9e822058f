/**
 * The local way for MySQL: a MariaDB (or MySQL) server from the machine's own packages, in a
 * temporary data folder (or the playground's persistent one), on a free loopback port. Starts in
 * a few tenths of a second (after the first run, which prepares a data-folder template).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { findExecutable, isAlive, run, spawnUntilReady, stopProcess } from './processes.ts';
import { freePort, startReaper } from './local-support.ts';

export type StartedServer = {
  url: string;
  description: string;
  stop(): Promise<void>;
  /** what a local server leaves on the machine while it runs (the tests check it is gone after) */
  footprint?: { pids: number[]; folder?: string };
  /** how often the server crashed and was restarted since it started (local servers only) */
  crashes?: () => number;
};

export function localMysqlAvailable(): boolean {
  return findExecutable('mariadbd', 'mysqld') !== undefined;
}

/**
 * Starts a local server. By default its data lives in a temporary folder removed at stop();
 * with `persistentDataDir` (the playground's `npm run service`) the data stays for next time.
 */
export async function startLocalMysql(options: { persistentDataDir?: string; port?: number; serverOptions?: readonly string[] } = {}): Promise<StartedServer> {
  const server = findExecutable('mariadbd', 'mysqld');
  if (!server) throw new Error('neither mariadbd nor mysqld was found');
  const version = await run(server, ['--version']);
  const isMariaDb = version.includes('MariaDB');
  const persistent = options.persistentDataDir;
  const dataDir = persistent ?? (await mkdtemp(join(tmpdir(), 'kata-mysql-')));
  const removeData = () => (persistent ? Promise.resolve() : rm(dataDir, { recursive: true, force: true }));
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
  try {
    if (persistent) await waitForPreviousServer(persistent);
    // Initialising a data folder takes seconds; copying an initialised one takes ~0.1 s.
    if (!persistent || !existsSync(join(persistent, READY_MARKER))) {
      await cp(await dataTemplate(server, version, isMariaDb, asRoot), dataDir, { recursive: true });
    }
    // a fixed port lets a test stop a persistent server and start it again where clients expect it
    const port = options.port ?? (await freePort());
    const launch = () => spawnUntilReady(
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
        `--max-connections=${MAX_CONNECTIONS}`,
        // a throwaway server: trade durability for speed, except what a crash would lose: with
        // =2 a commit reaches the OS at once (it survives mariadbd dying and being restarted
        // below), and is flushed to disk once a second
        '--innodb-buffer-pool-size=64M',
        ...SMALL_REDO_LOG,
        '--innodb-flush-log-at-trx-commit=2',
        '--innodb-doublewrite=0',
        '--performance-schema=OFF',
        ...asRoot,
        // the caller's own settings come last, so they win over the ones above (the playground's
        // durable settings, harness/dev/server-keeper.ts)
        ...(options.serverOptions ?? []),
      ],
      /ready for connections/,
      30_000,
    );
    let { child } = await launch();
    // the server's last words (a crash prints its stack trace on stderr), kept for the crash report
    let lastWords = '';
    const listen = (process: typeof child) => process.stderr?.on('data', (chunk: Buffer) => (lastWords = (lastWords + chunk.toString('utf8')).slice(-16_384)));
    listen(child);
    const reaper = startReaper(persistent ? '-' : dataDir, [child.pid]);
    // MariaDB 10.11 segfaults now and then under many parallel suites (ha_maria::drop_table):
    // start it again on the same port and data, so one crash costs the statements in flight
    // rather than every test after it. The verifier reruns a check a crash interrupted.
    let stopping = false;
    let crashes = 0;
    const restarts: { stop(): void }[] = [];
    const watch = () =>
      child.once('exit', (code, signal) => {
        if (stopping) return;
        crashes++;
        const report = join(tmpdir(), `kata-mysql-crash-${port}-${crashes}.log`);
        writeFileSync(report, lastWords);
        lastWords = '';
        process.stderr.write(`local ${isMariaDb ? 'mariadbd' : 'mysqld'} on port ${port} died (${signal ?? `exit code ${code}`}; its last log lines: ${report}); starting it again\n`);
        void launch().then(
          (next) => {
            child = next.child;
            listen(child);
            restarts.push(startReaper('-', [child.pid]));
            watch();
          },
          (error: unknown) => process.stderr.write(`could not start it again: ${error instanceof Error ? error.message : error}\n`),
        );
      });
    watch();
    return {
      url: `mysql://root@127.0.0.1:${port}/`,
      description: `local ${isMariaDb ? 'mariadbd' : 'mysqld'}, 127.0.0.1:${port}`,
      footprint: { pids: child.pid ? [child.pid] : [], folder: dataDir },
      crashes: () => crashes,
      async stop() {
        stopping = true;
        await stopProcess(child);
        await removeData();
        reaper.stop();
        for (const restart of restarts) restart.stop();
      },
    };
  } catch (error) {
    await removeData();
    throw error;
  }
}

/**
 * A persistent data folder can still be in use by the server of a process that was just killed
 * (its watchdog stops that server within seconds). Two servers on one folder fail after 30 s with
 * "Can't lock aria control file": wait for the previous one instead, or say whose it is.
 */
async function waitForPreviousServer(dataDir: string, timeoutMs = 15_000): Promise<void> {
  const pidFile = join(dataDir, 'mysqld.pid');
  const previous = existsSync(pidFile) ? Number((await readFile(pidFile, 'utf8').catch(() => '')).trim()) : NaN;
  if (!Number.isInteger(previous) || previous <= 0 || !isAlive(previous)) return;
  const deadline = Date.now() + timeoutMs;
  while (isAlive(previous)) {
    if (Date.now() > deadline) {
      throw new Error(`Another MariaDB/MySQL server (pid ${previous}) still runs on ${dataDir}: stop it (kill ${previous}), then try again.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const SMALL_REDO_LOG = ['--innodb-log-file-size=4M'];
/** Parallel suites each hold a pool; the same limit on every test server (containers.ts, CI's servers). */
export const MAX_CONNECTIONS = 500;
const READY_MARKER = '.kata-template-ready';

/**
 * A freshly initialised data folder, made once per server version and kept under
 * node_modules/.cache (it goes away with a reinstall). Each run copies it: the template itself is
 * never started, so no run can see another run's data.
 */
async function dataTemplate(server: string, version: string, isMariaDb: boolean, asRoot: string[]): Promise<string> {
  const key = createHash('sha1').update(`${server}\n${version}\n${SMALL_REDO_LOG.join(' ')}`).digest('hex').slice(0, 12);
  const cacheRoot = await cacheFolder();
  const template = join(cacheRoot, `${isMariaDb ? 'mariadb' : 'mysql'}-datadir-${key}`);
  if (existsSync(join(template, READY_MARKER))) return template;
  const building = await mkdtemp(`${template}.building-`);
  try {
    if (isMariaDb) {
      const installDb = findExecutable('mariadb-install-db', 'mysql_install_db');
      if (!installDb) throw new Error('mariadb-install-db was not found next to mariadbd');
      await run(installDb, ['--no-defaults', `--datadir=${building}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...SMALL_REDO_LOG, ...asRoot]);
    } else {
      await run(server, ['--no-defaults', '--initialize-insecure', `--datadir=${building}`, ...SMALL_REDO_LOG, ...asRoot]);
    }
    await writeFile(join(building, READY_MARKER), version);
    // rename is atomic: a run that lost the race finds the winner's template and drops its own
    await rename(building, template).catch(() => undefined);
  } finally {
    await rm(building, { recursive: true, force: true });
  }
  return template;
}

async function cacheFolder(): Promise<string> {
  const inProject = fileURLToPath(new URL('../../node_modules/.cache/kafka-mysql-katas', import.meta.url));
  try {
    await mkdir(inProject, { recursive: true });
    return inProject;
  } catch {
    const fallback = join(tmpdir(), 'kafka-mysql-katas-cache');
    await mkdir(fallback, { recursive: true });
    return fallback;
  }
}
