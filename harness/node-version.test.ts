/** A too-old Node is turned away in one line by every entry point, before anything else runs. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { engines: { node: string }; scripts: Record<string, string> };
const check = readFileSync(new URL('./node-version.mjs', import.meta.url), 'utf8');

describe('the Node version check', () => {
  it('asks for what package.json\'s engines asks for', () => {
    const [major, minor] = manifest.engines.node.replace('>=', '').split('.');
    expect(check).toContain(`const REQUIRED = [${major}, ${minor}];`);
  });

  it('runs first in every npm script that starts node, and in vitest\'s config', () => {
    for (const [name, script] of Object.entries(manifest.scripts)) {
      if (script.startsWith('node ')) expect(script, `npm run ${name}`).toMatch(/^node --import \.\/harness\/node-version\.mjs /);
    }
    expect(manifest.scripts.test).toBe('vitest');
    const config = readFileSync(new URL('../vitest.config.ts', import.meta.url), 'utf8');
    expect(config.split('\n').find((line) => line.startsWith('import'))).toBe("import './harness/node-version.mjs';");
  });

  it('turns an old Node away with one line naming the version needed and how to get it', () => {
    // the machine's own old Node where there is one (Debian 12 ships Node 20)
    const old = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => {
      if (!existsSync(path)) return false;
      const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
      return /^v(1\d|20|21|22\.(1?\d|2[01]))\./.test(version);
    });
    const node = old ?? process.execPath;
    const result = spawnSync(node, ['--import', './harness/node-version.mjs', '-e', 'console.log("ran")'], { cwd: new URL('..', import.meta.url), encoding: 'utf8' });
    if (old) {
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/needs Node\.js 22\.22 or newer; this is Node 2\d\.\d+\.\d+\. Get Node 24 LTS: `nvm install`/);
    } else {
      // this machine has no old Node: at least the check lets the current one through
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout.trim()).toBe('ran');
    }
  });
});
