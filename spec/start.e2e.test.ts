/**
 * `npm start`, the guided loop, end to end: with the reference solutions swapped in (the
 * verifier's mode), it must walk the whole course by itself, kata after kata, and say so.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { curriculum } from '../curriculum.ts';
import { kataEnvironment } from '../harness/testing/provided.ts';

const stateDir = mkdtempSync(join(tmpdir(), 'kata-start-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

describe('npm start', () => {
  it('runs the first kata that is not green, and moves on to the next one each time a kata turns green', async () => {
    const environment = kataEnvironment();
    const child = spawn(process.execPath, [fileURLToPath(new URL('../harness/cli/start.ts', import.meta.url))], {
      env: {
        ...process.env,
        KATA_VERIFY_MODE: 'reference',
        // this proves the loop's walk through the course; the verifier's reference runs prove the
        // properties at the students' 25 runs each
        KATA_PROPERTY_RUNS: '5',
        KATA_STATE_DIR: stateDir,
        KATA_MYSQL_URL: environment.mysqlUrl,
        KATA_KAFKA_BROKERS: environment.kafkaBrokers!.join(','),
        KATA_PROVIDER: 'env',
        FORCE_COLOR: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await expect.poll(() => output, { timeout: 150_000, interval: 200 }).toContain('Every kata of the course is green');
      expect(output).toContain(`Starting kata ${curriculum[0]!.id}`);
      for (const kata of curriculum.slice(1)) expect(output).toContain(`Moving on to kata ${kata.id}`);
      expect(output).toMatch(/✓ Kata 02-supplier is green/);
      // a kata is called green once its end-to-end test ran too: every screen that says so shows
      // the same counts (a student once saw "27/27 ... green", then the end-to-end file's "31/31")
      const greenScreens = new Map<string, Set<string>>();
      for (const screen of output.split('── kata ').slice(1)) {
        const green = /^.*\n[\s\S]*?✓ Kata (\S+) is green/.exec(screen);
        if (green) greenScreens.set(green[1]!, (greenScreens.get(green[1]!) ?? new Set()).add(screen.slice(0, screen.indexOf('✓ Kata '))));
      }
      for (const kata of curriculum.filter((entry) => !entry.startsGreen)) expect([...(greenScreens.get(kata.id) ?? [])], `${kata.id}'s green screens`).toHaveLength(1);
    } finally {
      child.kill('SIGINT');
    }
    // Ctrl-C: vitest ends the process with the conventional 130; the servers' reapers clean up
    expect([0, 130]).toContain(await exited);
  }, 180_000);
});
