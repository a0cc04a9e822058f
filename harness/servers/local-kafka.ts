/**
 * The local way for Kafka: the mock cluster built into librdkafka, started through `kcat`. It
 * speaks the Kafka protocol (produce, fetch, consumer groups, offset commits) but has no
 * CreateTopics: topics are created when first used.
 */
import { findExecutable, spawnUntilReady, stopProcess } from './processes.ts';
import { startReaper } from './local-support.ts';
import type { StartedServer } from './local-mysql.ts';

export function localKafkaAvailable(): boolean {
  return findExecutable('kcat', 'kafkacat') !== undefined;
}

export async function startLocalKafka(): Promise<StartedServer & { brokers: string[] }> {
  const kcat = findExecutable('kcat', 'kafkacat');
  if (!kcat) throw new Error('kcat was not found');
  // -C on a dummy topic keeps kcat (and with it the mock cluster) running until we stop it.
  const { child, match } = await spawnUntilReady(
    kcat,
    ['-b', '127.0.0.1:1', '-X', 'test.mock.num.brokers=1', '-C', '-t', '__kata_keepalive', '-q'],
    /replaced with (127\.0\.0\.1:\d+)/,
    15_000,
  );
  const address = match[1]!;
  const reaper = startReaper('-', [child.pid]);
  return {
    url: address,
    brokers: [address],
    description: `kcat mock cluster, ${address}`,
    footprint: { pids: child.pid ? [child.pid] : [] },
    async stop() {
      await stopProcess(child);
      reaper.stop();
    },
  };
}
