/** Starting a helper server process and waiting, without polling, for the line that says it is ready. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Finds an executable on PATH, then in the sbin folders Debian and Homebrew use for servers. */
export function findExecutable(...names: string[]): string | undefined {
  const folders = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/local/bin', '/opt/homebrew/bin', '/opt/homebrew/sbin'];
  for (const name of names) {
    for (const folder of folders) {
      if (!folder) continue;
      const candidate = join(folder, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * Spawns command and resolves when a line of its stderr/stdout matches `ready` (returning the match),
 * rejects with the output so far if it exits first or `timeoutMs` passes.
 */
export function spawnUntilReady(
  command: string,
  args: readonly string[],
  ready: RegExp,
  timeoutMs: number,
): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => fail(new Error(`${command} did not report ready within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = ready.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      // keep draining the pipes so the server never blocks on a full buffer
      child.stdout?.removeListener('data', onData).resume();
      child.stderr?.removeListener('data', onData).resume();
      resolve({ child, match });
    };
    const onExit = (code: number | null) => fail(new Error(`${command} exited (code ${code}) before it was ready`));
    function fail(error: Error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      error.message += `\n--- ${command} ${args.join(' ')}\n${output.trim().split('\n').slice(-15).join('\n')}`;
      reject(error);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) => fail(error));
    child.once('exit', onExit);
  });
}

/** Runs a command to completion and returns its exit code and its combined stdout and stderr. */
export function capture(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/** Runs a command to completion; rejects with the end of its output when it fails. */
export async function run(command: string, args: readonly string[]): Promise<string> {
  const { code, output } = await capture(command, args);
  if (code === 0) return output;
  throw new Error(`${command} ${args.join(' ')} failed (code ${code}):\n${output.trim().split('\n').slice(-15).join('\n')}`);
}

/** Whether a process with this id is running. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops a process: SIGTERM, then SIGKILL if it is still there after graceMs. */
export function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
