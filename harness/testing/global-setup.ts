/**
 * vitest globalSetup: gets MySQL (and Kafka, only when an end-to-end file is selected) from the
 * servers wing (harness/servers) once per run or watch session, prints where they are, and tears
 * everything down at the end.
 */
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { startServers } from '../servers/start.ts';
import { dropRunDatabases } from './database-admin.ts';
import { startPipelineRelay, type PipelineRelay } from './pipeline-relay.ts';

/** Files with this suffix talk to Kafka; a run that selects none of them starts no Kafka. */
const END_TO_END_SUFFIX = '.e2e.test.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const kafka = await needsKafka(project);
  const environment = await startServers({ kafka, prefer: 'docker' });
  const runId = randomBytes(4).toString('hex');
  console.log(`Test environment: ${environment.summary}`);
  const relay = await watchSessionRelay(project, environment.kafkaBrokers, runId);
  project.provide('kata', {
    mysqlUrl: environment.mysqlUrl,
    dialect: environment.dialect,
    serverVersion: environment.serverVersion,
    kafkaBrokers: environment.kafkaBrokers,
    summary: environment.summary,
    runId,
    pipelineRelay: relay?.address ?? null,
    learnerLoop: Boolean(project.vitest.config.watch),
  });
  return async () => {
    await relay?.stop();
    await dropRunDatabases(environment.mysqlUrl, runId).catch(() => undefined);
    await environment.stop();
  };
}

/**
 * Kafka is started only if the files this run selected include an end-to-end suite. In watch mode
 * the filter can change later, so any end-to-end file in the selected projects counts.
 */
async function needsKafka(project: TestProject): Promise<boolean> {
  if (process.env.KATA_KAFKA === 'always') return true;
  if (process.env.KATA_KAFKA === 'never') return false;
  const vitest = project.vitest;
  const filters = vitest.config.watch ? [] : ((vitest as unknown as { filenamePattern?: string[] }).filenamePattern ?? []);
  const specifications = await vitest.globTestSpecifications(filters);
  return specifications.some((specification) => specification.moduleId.endsWith(END_TO_END_SUFFIX));
}

/**
 * The learner's loop (watch mode) gets one consumer for the whole session (pipeline-relay.ts):
 * end-to-end files hand it their freshly loaded handlers instead of joining a group on every save.
 * `vitest run` (grading, verify, CI) never: there each end-to-end file starts its own consumer.
 * KATA_WATCH_RELAY=off turns it off in watch mode too.
 */
async function watchSessionRelay(project: TestProject, kafkaBrokers: string[] | null, runId: string): Promise<PipelineRelay | undefined> {
  if (!kafkaBrokers || !project.vitest.config.watch || process.env.KATA_WATCH_RELAY === 'off') return undefined;
  return startPipelineRelay({ brokers: kafkaBrokers, runId });
}
