/** Runs before every test file (vitest setupFiles). */
import fc from 'fast-check';
import { registerKeyMatchers } from './key-matchers.ts';
import { registerKataMatchers } from './matchers.ts';

registerKataMatchers();
registerKeyMatchers();

// Database round trips make each property run cost a few milliseconds: 25 runs per property
// keeps a suite under a second while still covering the awkward cases (fast-check biases
// towards small and extreme values). A failure prints the seed and path to replay it.
fc.configureGlobal({ numRuns: Number(process.env.KATA_PROPERTY_RUNS ?? 25) });
