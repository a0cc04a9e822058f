/** Shared entry for the learner's commands: usage errors exit 2 with their message, crashes exit 1. */
import { styleText } from 'node:util';
import { UsageError } from '../learn/katas.ts';

export function runCli(usage: string, main: () => Promise<number | void> | number | void): void {
  Promise.resolve()
    .then(main)
    .then((code) => process.exit(code ?? 0))
    .catch((error: unknown) => {
      if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
        console.error(`${styleText('red', error.message)}\nusage: ${usage}`);
        process.exit(2);
      }
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
