/** The learner's commands as a student runs them: right answers, and clear usage errors (exit 2). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { curriculum } from '../../curriculum.ts';
import { capture } from '../servers/processes.ts';
import { databaseUrl } from '../testing/database-admin.ts';
import { kataEnvironment } from '../testing/provided.ts';
import { useKataDatabase } from '../testing/database.ts';

const stateDir = mkdtempSync(join(tmpdir(), 'kata-cli-state-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

const db = useKataDatabase({ kata: 'harness', tables: () => ['CREATE TABLE things (id INT PRIMARY KEY, label VARCHAR(20))', "INSERT INTO things VALUES (1, 'café'), (2, NULL)"] });

async function cli(name: string, args: string[], env: Record<string, string | undefined> = {}) {
  const script = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  const merged: NodeJS.ProcessEnv = { ...process.env, KATA_STATE_DIR: stateDir, FORCE_COLOR: '0', NO_COLOR: '1', KATA_MYSQL_URL: undefined, KATA_KAFKA_BROKERS: undefined, ...env };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return capture(process.execPath, [script, ...args], { env: merged });
}

const katas = curriculum.map((kata) => kata.id).join(', ');

describe('usage errors say what is valid and exit 2', () => {
  it.each([
    ['hint', [], `Name a kata: ${katas}`],
    ['hint', ['42-nope'], `Unknown kata "42-nope". Valid katas: ${katas}`],
    ['hint', ['01-user', '9.9'], 'Its exercises: 5.1, 5.2, 5.3'],
    ['start', ['42-nope'], `Valid katas: ${katas}`],
    ['start', ['01-user', '02-supplier'], 'at most one kata'],
    ['progress', ['extra'], 'takes no arguments'],
    ['doctor', ['extra'], 'takes no arguments'],
    ['emit', [], 'Name an event type: user.created'],
    ['emit', ['user.flew'], 'Unknown event type "user.flew". Valid: user.created'],
    ['emit', ['user.deleted'], 'user.deleted needs --id'],
    ['emit', ['user.created', '--profile.nickname', 'x'], 'user.created has no field "profile.nickname". Its fields: user_id, contact_info, contact_info.primary_email'],
    ['emit', ['user.created', '--version', 'two'], '--version takes a number in user.created (the example has 1), got "two". null removes it.'],
    ['sql', [], 'Give one SQL statement, in quotes.'],
  ])('%s %j', async (name, args, message) => {
    const { code, output } = await cli(name, args);
    expect(output).toContain(message);
    expect(output).toContain('usage: npm ');
    expect(code).toBe(2);
  });
});

describe('npm run hint', () => {
  it('reveals the hints of an exercise one at a time', async () => {
    const first = await cli('hint', ['01-user', '5.2']);
    expect(first.code).toBe(0);
    expect(first.output).toContain('Hint 1 of 3: direction');
    expect(first.output).not.toContain('Hint 2 of 3');
    const second = await cli('hint', ['01-user', '5.2']);
    expect(second.output).toContain('Hint 2 of 3: pattern');
  });

  it('sends kata 00, which has nothing to solve, to the doctor', async () => {
    const { code, output } = await cli('hint', ['00-setup']);
    expect(code).toBe(0);
    expect(output).toContain('npm run doctor');
  });
});

describe('npm run progress', () => {
  it('prints the ladder', async () => {
    const { code, output } = await cli('progress', []);
    expect(code).toBe(0);
    expect(output).toContain('Your path through the course');
    expect(output).toMatch(/01-user\s+not run yet/);
  });
});

describe('npm run doctor', () => {
  it('says which way a test run would get its servers', async () => {
    const { code, output } = await cli('doctor', []);
    expect(output).toMatch(/Node\.js\s+v\d+/);
    expect(output).toMatch(/kcat/);
    if (code === 0) expect(output).toContain('A test run would use:');
    else expect(output).toMatch(/No (MySQL|Kafka)/);
  });

  it('reports an override that does not answer, with its fix, and exits 1', async () => {
    const { code, output } = await cli('doctor', [], { KATA_MYSQL_URL: 'mysql://root@127.0.0.1:1/' });
    expect(output).toMatch(/✗ KATA_MYSQL_URL\s+127\.0\.0\.1:1 does not answer/);
    expect(output).toContain('fix: start that server, or unset KATA_MYSQL_URL');
    expect(code).toBe(1);
  });
});

describe('npm run sql and emit without a running service', () => {
  it('say to start the service', async () => {
    for (const [name, args] of [['sql', ['SELECT 1']], ['emit', ['user.created']]] as const) {
      const { code, output } = await cli(name, [...args]);
      expect(output).toContain('The service is not running. Start it in another terminal with `npm run service`');
      expect(code).toBe(1);
    }
  });
});

describe('npm run sql', () => {
  it('prints the rows as a table, NULL included', async () => {
    const url = databaseUrl(kataEnvironment().mysqlUrl, db.name);
    const { code, output } = await cli('sql', ['SELECT id, label FROM things ORDER BY id'], { KATA_MYSQL_URL: url, KATA_KAFKA_BROKERS: '127.0.0.1:1' });
    expect(code).toBe(0);
    expect(output).toMatch(/\| id \| label \|/);
    expect(output).toMatch(/\| 1 {2}\| café {2}\|/);
    expect(output).toMatch(/\| 2 {2}\| NULL {2}\|/);
    expect(output).toContain('2 rows');
  });

  it('prints SHOW CREATE TABLE whole, one block per row, when a value does not fit a table cell', async () => {
    const url = databaseUrl(kataEnvironment().mysqlUrl, db.name);
    const { code, output } = await cli('sql', ['SHOW CREATE TABLE things'], { KATA_MYSQL_URL: url, KATA_KAFKA_BROKERS: '127.0.0.1:1' });
    expect(code).toBe(0);
    expect(output).toContain('*************************** 1. row ***************************');
    expect(output).toMatch(/^ {7}Table: things$/m);
    expect(output).toMatch(/^Create Table: CREATE TABLE `things` \($/m);
    expect(output).toMatch(/^\) ENGINE=/m);
    expect(output).not.toContain('…');
  });

  it('reports affected rows for a statement without a result set, and server errors plainly', async () => {
    const url = databaseUrl(kataEnvironment().mysqlUrl, db.name);
    const env = { KATA_MYSQL_URL: url, KATA_KAFKA_BROKERS: '127.0.0.1:1' };
    expect((await cli('sql', ["UPDATE things SET label = 'x' WHERE id = 2"], env)).output).toContain('OK, 1 row affected');
    const broken = await cli('sql', ['SELEKT 1'], env);
    expect(broken.code).toBe(1);
    expect(broken.output).toMatch(/You have an error in your SQL syntax/);
  });
});


describe('npm run emit builds events from the domain descriptions', () => {
  it('stamps them with microseconds, so the playground shows what DATETIME(6) keeps', async () => {
    const { buildEvent } = await import('./emit.ts');
    const event = buildEvent('supplier.created', undefined, [['address.city', 'Graz']]) as { timestamp: string; data: { created_at: string; address: { city: string } } };
    expect(event.timestamp).toMatch(/T\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    expect(event.data.created_at).toBe(event.timestamp);
    expect(event.data.address.city).toBe('Graz');
  });

  it('keeps a value of the field\'s kind: a number given for text becomes text, null makes a field null', async () => {
    const { buildEvent, fieldsHelp } = await import('./emit.ts');
    const event = buildEvent('supplier.created', undefined, [['address.zip_code', 8010], ['contact_info.contact_person', null]]) as { data: { address: { zip_code: unknown }; contact_info: { contact_person: unknown } } };
    expect(event.data.address.zip_code).toBe('8010');
    expect(event.data.contact_info.contact_person).toBeNull();
    const help = fieldsHelp('user.created');
    expect(help).toMatch(/--contact_info\.primary_email\s+"/);
    expect(help).toContain('null makes a field null, and removes an entry of a map such as variants');
  });
});

describe('npm run doctor on WSL', () => {
  it('warns when the repository is on the Windows drive, and only then', async () => {
    const { wslWarning } = await import('./wsl.ts');
    const wsl = 'Linux version 5.15.153.1-microsoft-standard-WSL2';
    expect(wslWarning(wsl, {}, '/mnt/c/Users/ada/kafka-mysql-katas/')).toContain('on the Windows drive (/mnt/c/Users/ada/kafka-mysql-katas/)');
    expect(wslWarning(wsl, {}, '/home/ada/kafka-mysql-katas/')).toBeUndefined();
    expect(wslWarning('Linux version 6.1.0-18-amd64 (debian-kernel)', {}, '/mnt/c/x/')).toBeUndefined();
    expect(wslWarning('', { WSL_DISTRO_NAME: 'Ubuntu' }, '/mnt/d/code/')).toBeDefined();
  });
});
