/**
 * Every command a lesson shows (each line of each ```sh block of katas/<kata>/README.md) works:
 * `npm run` names a script, `npm run emit` names an event type, fields and values that emit
 * accepts, and `npm run sql` runs on a real database holding every kata's reference tables
 * (spec/solutions/<kata>/tables.ts, in course order), the commands of each README in order.
 * A maintainers' check: the lessons are ours, the student template ships them as they are.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { curriculum } from '../curriculum.ts';
import { useKataDatabase } from '../harness/testing/database.ts';
import { checkEmit, checkScript, commandsOf, lessonFiles, sqlOf, type LessonCommand } from './lesson-commands.ts';

const referenceTables: string[] = [];
for (const kata of curriculum) {
  const file = new URL(`solutions/${kata.id}/tables.ts`, import.meta.url);
  if (existsSync(file)) referenceTables.push(...((await import(file.href)) as { tables: string[] }).tables);
}

const db = useKataDatabase({ kata: 'spec', tables: () => referenceTables });

const files = lessonFiles();
const commands = files.flatMap((file) => commandsOf(file));
const sqlCommands = commands.flatMap((command) => {
  const sql = sqlOf(command);
  return sql === undefined ? [] : [{ ...command, sql }];
});
const emitCommands = commands.filter((command) => command.words[2] === 'emit');

async function runSql(command: LessonCommand & { sql: string }): Promise<void> {
  let failure: Error | undefined;
  try {
    await db.pool.query(command.sql);
  } catch (error) {
    failure = error as Error;
  }
  if (failure && !command.failsOnPurpose) throw new Error(`${command.where}: this statement fails on the reference schema (${db.dialect}): ${failure.message}\n  ${command.text}`);
  if (!failure && command.failsOnPurpose) throw new Error(`${command.where}: the lesson says this statement fails (# fails: ...), but it ran on the reference schema (${db.dialect})\n  ${command.text}`);
}

const line = (where: string, text: string): LessonCommand => ({ where, text, words: [] });
const parsed = (text: string) => commandsOf('katas/xx/README.md', `# x\n\n\`\`\`sh\n${text}\n\`\`\`\n`)[0]!;

describe('the lessons\' commands', () => {
  it.each(curriculum.filter((entry) => entry.points > 0).map((kata) => kata.id))(
    'katas/%s/README.md: every exercise ends with commands that show it in the running system (npm run sql; npm run emit for a consumer)',
    (id) => {
      const file = `katas/${id}/README.md`;
      const text = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
      const kata = curriculum.find((entry) => entry.id === id)!;
      for (const exercise of kata.exercises) {
        const start = text.search(new RegExp(`^### Exercise ${exercise.id.replace('.', '\\.')}\\b`, 'm'));
        expect(start, `${file} has no "### Exercise ${exercise.id}" heading`).toBeGreaterThan(-1);
        const rest = text.slice(text.indexOf('\n', start) + 1);
        const end = rest.search(/^##{1,2} /m);
        const section = rest.slice(0, end === -1 ? undefined : end);
        const shown = commandsOf(file, section);
        expect(shown.filter((command) => command.words[2] === 'sql').length, `${file}, exercise ${exercise.id} (${exercise.title}) shows no \`npm run sql -- "..."\` in a \`\`\`sh block`).toBeGreaterThan(0);
        if (/consumer/i.test(exercise.title)) {
          expect(shown.filter((command) => command.words[2] === 'emit').length, `${file}, exercise ${exercise.id} (${exercise.title}) shows no \`npm run emit -- <type> ...\` in a \`\`\`sh block`).toBeGreaterThan(0);
        }
      }
    },
  );

  it.each(commands.map((command) => [command.where, command.text, command] as const))('%s: npm run names a script: %s', (_where, _text, command) => {
    checkScript(command);
  });

  it.each(emitCommands.map((command) => [command.where, command.text, command] as const))('%s: emit accepts %s', (_where, _text, command) => {
    checkEmit(command);
  });

  // in README order: a lesson's INSERT may prepare the row its next SELECT reads
  it.each(sqlCommands.map((command) => [command.where, command.text, command] as const))('%s: runs on the reference schema: %s', async (_where, _text, command) => {
    await runSql(command);
  });
});

describe('the checks fail on a bad command, naming the README and the line', () => {
  it.each([
    ['npm run emit -- user.registered', /README\.md:4: .*Unknown event type "user.registered"/],
    ['npm run emit -- user.created --profile.nickname Ada', /README\.md:4: .*has no field "profile.nickname"/],
    ['npm run emit -- user.created --version two', /README\.md:4: .*--version takes a number/],
    ['npm run emit -- user.deleted', /README\.md:4: .*needs --id/],
    ['npm run emit -- product.deleted --id <the id>', /README\.md:4: /],
  ])('%s', (text, message) => {
    expect(() => checkEmit(parsed(text))).toThrow(message);
  });

  it('an npm run of no script', () => {
    expect(() => checkScript(parsed('npm run seed -- users'))).toThrow(/README\.md:4: `npm run seed` is not a script/);
  });

  it('a statement the reference schema refuses', async () => {
    await expect(runSql({ ...line('katas/xx/README.md:9', 'npm run sql -- "SELECT nickname FROM users"'), sql: 'SELECT nickname FROM users' })).rejects.toThrow(/README\.md:9: .*nickname/);
  });

  it('a statement the lesson says fails, but that runs', async () => {
    await expect(runSql({ ...line('katas/xx/README.md:9', 'npm run sql -- "SELECT 1"  # fails: no'), sql: 'SELECT 1', failsOnPurpose: true })).rejects.toThrow(/README\.md:9: the lesson says this statement fails/);
    expect(parsed('npm run sql -- "SELECT 1"   # fails: duplicate key').failsOnPurpose).toBe(true);
  });

  it('reads quotes as the shell does', () => {
    expect(parsed(`npm run sql -- "SELECT * FROM users WHERE email = 'o\\"b@x.io'"   # a comment`).words).toEqual(['npm', 'run', 'sql', '--', `SELECT * FROM users WHERE email = 'o"b@x.io'`]);
    expect(parsed(`npm run emit -- user.created --profile.bio 'it''s' --version 2`).words).toEqual(['npm', 'run', 'emit', '--', 'user.created', '--profile.bio', 'its', '--version', '2']);
    expect(() => parsed(`npm run sql -- "SELECT 1`)).toThrow(/README\.md:4: unbalanced "/);
  });
});
