/**
 * The commands a lesson tells the student to run: every line of every ```sh block of
 * katas/<kata>/README.md, split the way a shell splits it, and the checks that keep them valid:
 *   - `npm run <script>` names a script of package.json;
 *   - `npm run emit -- <type> --<field> <value>` builds, through the same buildEvent() that
 *     harness/cli/emit.ts runs (type exists, field exists, value of the field's kind);
 *   - `npm run sql -- "<statement>"` runs on the reference schema (the test does that part).
 * Every error names the README and the line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildEvent } from '../harness/cli/emit.ts';

export type LessonCommand = {
  /** 'katas/01-user/README.md:231' */
  where: string;
  /** the line as written (continuation lines joined) */
  text: string;
  /** the words after the shell's quote removal: ['npm', 'run', 'sql', '--', 'SELECT ...'] */
  words: string[];
  /** a statement the lesson shows failing on purpose ends with a comment `# fails: <why>` */
  failsOnPurpose?: boolean;
};

const root = new URL('../', import.meta.url);

/** The lessons, in the katas folder's order (the course order). */
export function lessonFiles(): string[] {
  return readdirSync(new URL('katas/', root), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `katas/${entry.name}/README.md`)
    .filter((file) => {
      try {
        readFileSync(new URL(file, root));
        return true;
      } catch {
        return false;
      }
    })
    .sort();
}

/** Every command of the file's ```sh blocks (comments and blank lines left out). */
export function commandsOf(file: string, text = readFileSync(new URL(file, root), 'utf8')): LessonCommand[] {
  const commands: LessonCommand[] = [];
  const lines = text.split('\n');
  let inSh = false;
  let fence = '';
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const trimmed = line.trim();
    if (!inSh) {
      const open = /^(`{3,}|~{3,})\s*(sh|bash|shell|console)\s*$/.exec(trimmed);
      if (open) {
        inSh = true;
        fence = open[1]!;
      }
      continue;
    }
    if (trimmed.startsWith(fence) && trimmed.slice(fence.length).trim() === '') {
      inSh = false;
      continue;
    }
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    let joined = trimmed;
    const start = index;
    while (joined.endsWith('\\') && index + 1 < lines.length) joined = `${joined.slice(0, -1)} ${lines[++index]!.trim()}`;
    const where = `${file}:${start + 1}`;
    const { words, comment } = splitLine(joined, where);
    commands.push({ where, text: joined, words, ...(comment !== undefined && /^fails\b/i.test(comment) ? { failsOnPurpose: true } : {}) });
  }
  if (inSh) throw new Error(`${file}: a \`\`\`sh block is never closed`);
  return commands;
}

/** Splits a command line as sh does: '...' literal, "..." with \" \\ \$ \` escapes, a word starting with # ends the line. */
export function shellWords(line: string, where: string): string[] {
  return splitLine(line, where).words;
}

function splitLine(line: string, where: string): { words: string[]; comment?: string } {
  const words: string[] = [];
  let comment: string | undefined;
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (c === '#' && !inWord) {
      comment = line.slice(i + 1).trim();
      break;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end === -1) throw new Error(`${where}: unbalanced ' in: ${line}`);
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && '"\\$`'.includes(line[j + 1] ?? '')) j++;
        word += line[j];
      }
      if (j >= line.length) throw new Error(`${where}: unbalanced " in: ${line}`);
      inWord = true;
      i = j;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return comment === undefined ? { words } : { words, comment };
}

/** `npm run <script> ...`: the script and its arguments (after `--`), or undefined for another command. */
export function npmRun(command: LessonCommand): { script: string; args: string[] } | undefined {
  const [npm, run, script, ...rest] = command.words;
  if (npm !== 'npm' || run !== 'run' || !script) return undefined;
  return { script, args: rest[0] === '--' ? rest.slice(1) : rest };
}

const scripts = Object.keys((JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { scripts: Record<string, string> }).scripts);

/** Throws, naming the README line, when an `npm run` names no script of package.json. */
export function checkScript(command: LessonCommand): void {
  const run = npmRun(command);
  if (run && !scripts.includes(run.script)) throw new Error(`${command.where}: \`npm run ${run.script}\` is not a script of package.json (${scripts.join(', ')})\n  ${command.text}`);
}

/**
 * Throws, naming the README line, when an `npm run emit` command would be refused: reads its
 * arguments as emit.ts does (--id, --<field.path> <value>, values as JSON when they parse), then
 * builds the event with emit.ts's own buildEvent().
 */
export function checkEmit(command: LessonCommand): void {
  const run = npmRun(command);
  if (run?.script !== 'emit') return;
  const { positionals, tokens } = parseArgs({ args: run.args, allowPositionals: true, strict: false, tokens: true });
  const fields: [string, unknown][] = [];
  let id: string | undefined;
  const list = tokens ?? [];
  const types = [...positionals];
  for (let i = 0; i < list.length; i++) {
    const token = list[i]!;
    if (token.kind !== 'option') continue;
    let value = token.value;
    if (value === undefined && list[i + 1]?.kind === 'positional') {
      value = (list[i + 1] as { value: string }).value;
      types.splice(types.indexOf(value), 1);
      i++;
    }
    if (value === undefined) throw new Error(`${command.where}: --${token.name} needs a value\n  ${command.text}`);
    if (token.name === 'id') id = String(jsonOrText(value));
    else fields.push([token.name, jsonOrText(value)]);
  }
  if (types.length !== 1) throw new Error(`${command.where}: npm run emit takes one event type, got ${JSON.stringify(types)}\n  ${command.text}`);
  try {
    buildEvent(types[0]!, id, fields);
  } catch (error) {
    throw new Error(`${command.where}: npm run emit would refuse this command: ${(error as Error).message}\n  ${command.text}`);
  }
}

/** The statement of an `npm run sql -- "..."` command, or undefined. */
export function sqlOf(command: LessonCommand): string | undefined {
  const run = npmRun(command);
  if (run?.script !== 'sql') return undefined;
  if (run.args.length !== 1) throw new Error(`${command.where}: npm run sql takes one quoted statement, got ${run.args.length} words\n  ${command.text}`);
  return run.args[0];
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
