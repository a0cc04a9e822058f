/**
 * Finding a Docker engine where testcontainers does not look (Colima, Podman, OrbStack, Rancher
 * Desktop, Docker contexts), on a fake home folder with a fake engine: a unix socket that answers
 * Docker's health check. Also `npm run doctor` on that home, as a user runs it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { enginesElsewhere, probeDocker, testcontainersTarget, thisMachine, type Machine } from './docker.ts';
import { capture } from './processes.ts';
import { startFakeEngine } from './fixtures/fake-engine.ts';

const scratch = mkdtempSync(join(tmpdir(), 'kata-docker-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let homes = 0;
function freshMachine(env: NodeJS.ProcessEnv = {}): Machine {
  const home = join(scratch, `home-${++homes}`);
  mkdirSync(home, { recursive: true });
  return { home, env, platform: 'linux', uid: 1000, root: join(home, 'system-root') };
}

function writeFile(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

describe('where testcontainers looks', () => {
  it('finds nothing on an empty machine', () => {
    expect(testcontainersTarget(freshMachine())).toBeUndefined();
  });

  it('follows DOCKER_HOST, then ~/.testcontainers.properties, then the default sockets', () => {
    expect(testcontainersTarget(freshMachine({ DOCKER_HOST: 'tcp://10.0.0.5:2375' }))).toBe('tcp://10.0.0.5:2375');
    const withProperties = freshMachine();
    writeFile(join(withProperties.home, '.testcontainers.properties'), '# mine\ndocker.host=unix:///somewhere/docker.sock\n');
    expect(testcontainersTarget(withProperties)).toBe('unix:///somewhere/docker.sock');
    const withDefault = freshMachine();
    writeFile(join(withDefault.root, 'var', 'run', 'docker.sock'), '');
    expect(testcontainersTarget(withDefault)).toBe(`unix://${join(withDefault.root, 'var', 'run', 'docker.sock')}`);
    const desktop = freshMachine();
    writeFile(join(desktop.home, '.docker', 'desktop', 'docker.sock'), '');
    expect(testcontainersTarget(desktop)).toBe(`unix://${join(desktop.home, '.docker', 'desktop', 'docker.sock')}`);
  });

  it("puts the properties file's tc.host first, DOCKER_HOST over its docker.host, and a socket only after both", () => {
    const machine = freshMachine({ DOCKER_HOST: 'tcp://10.0.0.5:2375' });
    writeFile(join(machine.root, 'var', 'run', 'docker.sock'), '');
    writeFile(join(machine.home, '.testcontainers.properties'), 'docker.host=unix:///from/file.sock\n');
    expect(testcontainersTarget(machine)).toBe('tcp://10.0.0.5:2375');
    writeFile(join(machine.home, '.testcontainers.properties'), 'docker.host=unix:///from/file.sock\ntc.host=tcp://cloud:2376\n');
    expect(testcontainersTarget(machine)).toBe('tcp://cloud:2376');
  });

  it("on Windows: DOCKER_HOST first, the named pipe last, no unix socket", () => {
    const windows = (env: NodeJS.ProcessEnv): Machine => ({ ...freshMachine(env), platform: 'win32' });
    expect(testcontainersTarget(windows({ DOCKER_HOST: 'tcp://localhost:2375' }))).toBe('tcp://localhost:2375');
    const plain = windows({});
    writeFile(join(plain.home, '.docker', 'run', 'docker.sock'), '');
    expect(testcontainersTarget(plain)).toBe('npipe:////./pipe/docker_engine');
  });
});

describe('engines where testcontainers does not look', () => {
  it.each([
    ['Colima', ['.colima', 'default', 'docker.sock'], ' TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE=/var/run/docker.sock'],
    ['OrbStack', ['.orbstack', 'run', 'docker.sock'], ''],
    ['Rancher Desktop', ['.rd', 'docker.sock'], ' TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE=/var/run/docker.sock TESTCONTAINERS_HOST_OVERRIDE=$(rdctl info --field ip-address)'],
  ])('finds %s and gives the exact export line', async (engine, parts, extra) => {
    const machine = freshMachine();
    const fake = await startFakeEngine(join(machine.home, ...parts));
    try {
      expect(await enginesElsewhere(machine)).toEqual([{ engine, socket: fake.socket, exportLine: `export DOCKER_HOST=unix://${fake.socket}${extra}` }]);
    } finally {
      await fake.close();
    }
  });

  it("finds rootless Podman in XDG_RUNTIME_DIR and says to disable the reaper, which rootless Podman can't run", async () => {
    const runtimeDir = join(scratch, 'runtime');
    const machine = freshMachine({ XDG_RUNTIME_DIR: runtimeDir });
    const fake = await startFakeEngine(join(runtimeDir, 'podman', 'podman.sock'));
    try {
      expect(await enginesElsewhere(machine)).toEqual([
        { engine: 'Podman', socket: fake.socket, exportLine: `export DOCKER_HOST=unix://${fake.socket} TESTCONTAINERS_RYUK_DISABLED=true` },
      ]);
    } finally {
      await fake.close();
    }
  });

  it("finds Podman 5's macOS machine in $TMPDIR/podman/<machine>-api.sock", async () => {
    const tmp = join(scratch, 'macos-tmp');
    const machine = { ...freshMachine({ TMPDIR: tmp }), platform: 'darwin' as const };
    const fake = await startFakeEngine(join(tmp, 'podman', 'podman-machine-default-api.sock'));
    try {
      expect(await enginesElsewhere(machine)).toEqual([
        {
          engine: 'Podman',
          socket: fake.socket,
          exportLine: `export DOCKER_HOST=unix://${fake.socket} TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE=/var/run/docker.sock TESTCONTAINERS_RYUK_DISABLED=true`,
        },
      ]);
    } finally {
      await fake.close();
    }
  });

  it("follows the current Docker context, as the docker command does", async () => {
    const machine = freshMachine();
    const fake = await startFakeEngine(join(scratch, 'context-engine', 'docker.sock'));
    const docker = join(machine.home, '.docker');
    writeFile(join(docker, 'config.json'), JSON.stringify({ currentContext: 'lab' }));
    const folder = createHash('sha256').update('lab').digest('hex');
    writeFile(join(docker, 'contexts', 'meta', folder, 'meta.json'), JSON.stringify({ Name: 'lab', Endpoints: { docker: { Host: `unix://${fake.socket}` } } }));
    try {
      expect(await enginesElsewhere(machine)).toEqual([{ engine: 'Docker context "lab"', socket: fake.socket, exportLine: `export DOCKER_HOST=unix://${fake.socket}` }]);
    } finally {
      await fake.close();
    }
  });

  it('ignores a plain file and a socket that does not answer as an engine', async () => {
    const machine = freshMachine();
    writeFile(join(machine.home, '.orbstack', 'run', 'docker.sock'), 'not a socket');
    const silentPath = join(machine.home, '.colima', 'default', 'docker.sock');
    mkdirSync(dirname(silentPath), { recursive: true });
    const silent = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => silent.listen(silentPath, resolve));
    try {
      expect(await enginesElsewhere(machine, 500)).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('probeDocker reports no Docker, with the engine found elsewhere', async () => {
    const machine = freshMachine();
    const fake = await startFakeEngine(join(machine.home, '.colima', 'default', 'docker.sock'));
    try {
      const probe = await probeDocker(machine);
      expect(probe.ok).toBe(false);
      if (probe.ok) return;
      expect(probe.reason).toContain(`Colima answers at ${fake.socket}`);
      expect(probe.elsewhere.map((engine) => engine.engine)).toEqual(['Colima']);
    } finally {
      await fake.close();
    }
  });
});

// The doctor looks at the real /var/run and /run: on a machine with a real engine there, the fake
// home does not decide the answer.
const realEngine = testcontainersTarget({ ...thisMachine(), home: join(scratch, 'nobody'), env: {} }) !== undefined;

describe.skipIf(realEngine)('npm run doctor with an engine where testcontainers does not look', () => {
  const doctor = fileURLToPath(new URL('../cli/doctor.ts', import.meta.url));
  const run = (home: string, extra: NodeJS.ProcessEnv = {}) => {
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, FORCE_COLOR: '0', NO_COLOR: '1', ...extra };
    for (const key of ['DOCKER_HOST', 'DOCKER_CONTEXT', 'XDG_RUNTIME_DIR', 'KATA_PROVIDER', 'KATA_MYSQL_URL', 'KATA_KAFKA_BROKERS', 'TESTCONTAINERS_REUSE_ENABLE']) {
      if (!(key in extra)) delete env[key];
    }
    return capture(process.execPath, [doctor], { env });
  };

  it('says where the engine is and gives the export line, in one line each', async () => {
    const machine = freshMachine();
    const fake = await startFakeEngine(join(machine.home, '.colima', 'default', 'docker.sock'));
    try {
      const { output } = await run(machine.home);
      expect(output).toMatch(new RegExp(`! Docker\\s+Colima answers at ${fake.socket}, where testcontainers does not look\\n`));
      expect(output).toContain(`fix: export DOCKER_HOST=unix://${fake.socket} TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE=/var/run/docker.sock\n`);
    } finally {
      await fake.close();
    }
  });

  it('fails KATA_PROVIDER=docker without an engine, and says reuse is checked', async () => {
    const machine = freshMachine();
    const { code, output } = await run(machine.home, { KATA_PROVIDER: 'docker', TESTCONTAINERS_REUSE_ENABLE: 'true' });
    expect(output).toMatch(/✗ Docker\s+no Docker engine where testcontainers looks/);
    expect(output).toMatch(/fix: macOS\/Windows: start Docker Desktop .*, or unset KATA_PROVIDER/);
    expect(output).toMatch(/- Container reuse\s+on: .*a reused Kafka that advertises a dead port .* is replaced/);
    expect(code).toBe(1);
  });
});
