/**
 * Finding a Docker engine. testcontainers looks only where Docker's own defaults are: DOCKER_HOST,
 * ~/.testcontainers.properties, /var/run/docker.sock and the rootless sockets (its
 * `clients/client.js`). Colima, Podman, Rancher Desktop, OrbStack and Lima put their socket
 * elsewhere, and Docker contexts (which the `docker` command follows) are not read. So a running
 * engine can be invisible to the tests: this module finds it and says the exact line that makes it
 * visible, instead of a misleading "no Docker".
 *
 * Everything takes the machine as a parameter (home folder, environment, platform) so that the
 * tests can point it at a temporary home with a fake engine socket.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';

export type Machine = {
  home: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  uid: number | undefined;
  /** prefix of the system-wide paths (/var/run, /run): '/' except in tests */
  root: string;
};

export function thisMachine(): Machine {
  return { home: homedir(), env: process.env, platform: process.platform, uid: process.getuid?.() ?? userInfo().uid, root: '/' };
}

/** An engine socket outside testcontainers' reach, and the shell line that makes the tests use it. */
export type EngineElsewhere = { engine: string; socket: string; exportLine: string };

export type DockerProbe =
  | { ok: true; where: string }
  | {
      ok: false;
      /** one line: what was tried and what failed */
      reason: string;
      /** engines that answer where testcontainers does not look (the fix is their exportLine) */
      elsewhere: EngineElsewhere[];
    };

/**
 * Where testcontainers itself would connect, or undefined when it would find nothing (then
 * importing testcontainers, half a second, is not worth it). Its strategies, in the order of its
 * `container-runtime/clients/client.ts` (testcontainers-node 12): tc.host in
 * ~/.testcontainers.properties; DOCKER_HOST (over the file's docker.host); /var/run/docker.sock
 * (Linux and macOS); the rootless sockets (Linux and macOS); Windows' named pipe last. So a
 * DOCKER_HOST set on Windows counts, as it does for testcontainers.
 */
export function testcontainersTarget(machine: Machine): string | undefined {
  const configured = propertiesValue(machine.home, 'tc.host') ?? machine.env.DOCKER_HOST ?? propertiesValue(machine.home, 'docker.host');
  if (configured) return configured;
  if (machine.platform === 'linux' || machine.platform === 'darwin') {
    const runtimeDir = machine.env.XDG_RUNTIME_DIR;
    const sockets = [
      join(machine.root, 'var', 'run', 'docker.sock'),
      runtimeDir ? join(runtimeDir, 'docker.sock') : undefined,
      join(machine.home, '.docker', 'run', 'docker.sock'),
      join(machine.home, '.docker', 'desktop', 'docker.sock'),
      join(machine.root, 'run', 'user', String(machine.uid ?? ''), 'docker.sock'),
    ];
    const found = sockets.find((path) => path !== undefined && existsSync(path));
    if (found) return `unix://${found}`;
  }
  return machine.platform === 'win32' ? 'npipe:////./pipe/docker_engine' : undefined;
}

function propertiesValue(home: string, key: string): string | undefined {
  const file = join(home, '.testcontainers.properties');
  if (!existsSync(file)) return undefined;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*([^#!=:\s]+)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (match?.[1] === key && match[2]) return match[2];
  }
  return undefined;
}

/**
 * Engine sockets that testcontainers does not look at, in the order a user most likely runs them.
 * The extra variables are those testcontainers' and the engines' own guides give: the resource
 * reaper (Ryuk) mounts the socket as seen inside the engine's VM, not the host path.
 */
function candidates(machine: Machine): { engine: string; socket: string; extra: string[] }[] {
  const { home, env } = machine;
  const runtimeDir = env.XDG_RUNTIME_DIR ?? join(machine.root, 'run', 'user', String(machine.uid ?? ''));
  const colimaHome = env.COLIMA_HOME ?? join(home, '.colima');
  const insideVm = ['TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE=/var/run/docker.sock'];
  return [
    { engine: 'Colima', socket: join(colimaHome, 'default', 'docker.sock'), extra: insideVm },
    { engine: 'Colima', socket: join(home, '.config', 'colima', 'default', 'docker.sock'), extra: insideVm },
    { engine: 'OrbStack', socket: join(home, '.orbstack', 'run', 'docker.sock'), extra: [] },
    { engine: 'Rancher Desktop', socket: join(home, '.rd', 'docker.sock'), extra: [...insideVm, 'TESTCONTAINERS_HOST_OVERRIDE=$(rdctl info --field ip-address)'] },
    { engine: 'Podman', socket: join(runtimeDir, 'podman', 'podman.sock'), extra: ['TESTCONTAINERS_RYUK_DISABLED=true'] },
    { engine: 'Podman', socket: join(machine.root, 'run', 'podman', 'podman.sock'), extra: ['TESTCONTAINERS_RYUK_PRIVILEGED=true'] },
    { engine: 'Podman', socket: join(home, '.local', 'share', 'containers', 'podman', 'machine', 'podman.sock'), extra: [...insideVm, 'TESTCONTAINERS_RYUK_DISABLED=true'] },
    ...['applehv', 'libkrun', 'qemu'].map((provider) => ({
      engine: 'Podman',
      socket: join(home, '.local', 'share', 'containers', 'podman', 'machine', provider, 'podman.sock'),
      extra: [...insideVm, 'TESTCONTAINERS_RYUK_DISABLED=true'],
    })),
    // Podman 5 on macOS: the machine's API socket in $TMPDIR/podman/<machine>-api.sock
    ...podmanMacSockets(env.TMPDIR).map((socket) => ({ engine: 'Podman', socket, extra: [...insideVm, 'TESTCONTAINERS_RYUK_DISABLED=true'] })),
    { engine: 'Lima', socket: join(home, '.lima', 'docker', 'sock', 'docker.sock'), extra: insideVm },
    ...dockerContextSocket(machine),
  ];
}

/** Podman 5's macOS machine sockets, `<machine>-api.sock` in $TMPDIR/podman (the default machine first). */
function podmanMacSockets(tmp: string | undefined): string[] {
  if (!tmp) return [];
  try {
    const names = readdirSync(join(tmp, 'podman')).filter((name) => name.endsWith('-api.sock'));
    const rank = (name: string) => (name === 'podman-machine-default-api.sock' ? 0 : 1);
    return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((name) => join(tmp, 'podman', name));
  } catch {
    return [];
  }
}

/** The socket of the Docker context the `docker` command uses (DOCKER_CONTEXT or config.json's currentContext). */
function dockerContextSocket(machine: Machine): { engine: string; socket: string; extra: string[] }[] {
  let name = machine.env.DOCKER_CONTEXT;
  const dockerConfig = join(machine.env.DOCKER_CONFIG ?? join(machine.home, '.docker'));
  try {
    name ??= (JSON.parse(readFileSync(join(dockerConfig, 'config.json'), 'utf8')) as { currentContext?: string }).currentContext;
    if (!name || name === 'default') return [];
    const folder = createHash('sha256').update(name).digest('hex');
    const meta = JSON.parse(readFileSync(join(dockerConfig, 'contexts', 'meta', folder, 'meta.json'), 'utf8')) as {
      Endpoints?: { docker?: { Host?: string } };
    };
    const host = meta.Endpoints?.docker?.Host;
    if (!host?.startsWith('unix://')) return [];
    return [{ engine: `Docker context "${name}"`, socket: host.slice('unix://'.length), extra: [] }];
  } catch {
    return [];
  }
}

/** Engines that answer at a socket testcontainers does not look at, each with its export line. */
export async function enginesElsewhere(machine: Machine, timeoutMs = 1_500): Promise<EngineElsewhere[]> {
  if (machine.platform === 'win32') return [];
  const seen = new Set<string>();
  const found: EngineElsewhere[] = [];
  for (const candidate of candidates(machine)) {
    if (seen.has(candidate.socket) || !isSocket(candidate.socket)) continue;
    seen.add(candidate.socket);
    if (!(await pingEngine(candidate.socket, timeoutMs))) continue;
    found.push({
      engine: candidate.engine,
      socket: candidate.socket,
      exportLine: `export DOCKER_HOST=unix://${candidate.socket}${candidate.extra.map((variable) => ` ${variable}`).join('')}`,
    });
  }
  return found;
}

function isSocket(path: string): boolean {
  try {
    return statSync(path).isSocket();
  } catch {
    return false;
  }
}

/** Docker's own health check: GET /_ping answers "OK" on every Docker-compatible engine. */
export function pingEngine(socketPath: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', method: 'GET', timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve(response.statusCode === 200 && body.trim() === 'OK'));
      response.on('error', () => resolve(false));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

/**
 * Whether the tests can use Docker: testcontainers must find an engine and it must answer within
 * timeoutMs. When it cannot, the reason says what was tried, and `elsewhere` lists engines that
 * run where testcontainers does not look.
 */
export async function probeDocker(machine: Machine = thisMachine(), timeoutMs = 4_000): Promise<DockerProbe> {
  const target = testcontainersTarget(machine);
  if (!target) {
    const elsewhere = await enginesElsewhere(machine);
    const reason =
      'no Docker engine where testcontainers looks (DOCKER_HOST is not set, no ~/.testcontainers.properties, no /var/run/docker.sock or rootless socket)' +
      (elsewhere.length > 0 ? `; ${elsewhere[0]!.engine} answers at ${elsewhere[0]!.socket}` : '');
    return { ok: false, reason, elsewhere };
  }
  const { getContainerRuntimeClient } = await import('testcontainers');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`it did not answer within ${timeoutMs / 1000} s`), timeoutMs)));
  const probe = getContainerRuntimeClient().then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error.message.split('\n')[0]! : String(error)),
  );
  try {
    const failure = await Promise.race([probe, timeout]);
    if (failure === undefined) return { ok: true, where: target };
    const elsewhere = await enginesElsewhere(machine);
    return { ok: false, reason: `the Docker engine at ${target} does not answer (${failure}): is it running?`, elsewhere };
  } finally {
    clearTimeout(timer);
  }
}

/** True when a Docker-compatible engine answers where testcontainers looks, within timeoutMs. */
export async function dockerAvailable(timeoutMs = 4_000): Promise<boolean> {
  return (await probeDocker(thisMachine(), timeoutMs)).ok;
}
