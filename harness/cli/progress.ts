/** npm run progress: the progress ladder, from the results of your last test runs. */
import { parseArgs } from 'node:util';
import { readProgress, renderLadder } from '../learn/progress.ts';
import { UsageError } from '../learn/katas.ts';
import { runCli } from './run-cli.ts';

runCli('npm run progress', () => {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length > 0) throw new UsageError(`npm run progress takes no arguments (got ${positionals.join(' ')})`);
  console.log(renderLadder(readProgress()));
  console.log('\n(from your last test runs; `npm test -- katas/<kata>/` refreshes a kata, `npm run grade` every kata)');
});
