/**
 * spec/mutants/<kata>.md: the mutants of a kata's reference that are as right as the reference,
 * each with the reason a student's version would be equally right. One list item per mutant:
 *
 *   - `supplier-dal.ts:12:values-to-column`: why this variant is equally right
 *
 * Everything else in the file (headings, paragraphs) is for the reader.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Equivalents = Map<string, string>;

const ITEM = /^\s*[-*]\s+`([^`]+)`\s*[:—–-]\s*(.*\S)\s*$/;

export function parseEquivalents(markdown: string, where = 'spec/mutants'): Equivalents {
  const equivalents: Equivalents = new Map();
  for (const line of markdown.split('\n')) {
    const match = ITEM.exec(line);
    if (!match) {
      if (/^\s*[-*]\s+`[^`]+`\s*$/.test(line)) throw new Error(`${where}: ${line.trim()} names a mutant without a reason`);
      continue;
    }
    equivalents.set(match[1]!, match[2]!);
  }
  return equivalents;
}

export function readEquivalents(root: string, kata: string): Equivalents {
  const file = join(root, 'spec', 'mutants', `${kata}.md`);
  return existsSync(file) ? parseEquivalents(readFileSync(file, 'utf8'), `spec/mutants/${kata}.md`) : new Map();
}
