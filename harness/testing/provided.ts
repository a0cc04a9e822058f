/** What globalSetup hands to every test file (vitest's provide/inject). */
import { inject } from 'vitest';
import type { ServersInfo } from '../servers/start.ts';

export type KataEnvironment = ServersInfo & {
  /** prefixes this run's databases and topics, so parallel or later runs never collide */
  runId: string;
  /** the watch session's pipeline relay (pipeline-relay.ts), in the learner's loop only */
  pipelineRelay?: string | null;
  /** vitest's watch mode (`npm test`, `npm start`): the learner's loop, never grading or verify */
  learnerLoop?: boolean;
};

declare module 'vitest' {
  export interface ProvidedContext {
    kata: KataEnvironment;
  }
}

export function kataEnvironment(): KataEnvironment {
  const environment = inject('kata');
  if (!environment) throw new Error('The test environment is missing: run the tests through `npm test` (vitest with this repo\'s config).');
  return environment;
}
