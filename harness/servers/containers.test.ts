/**
 * The Docker path's decisions, without Docker: a reused Kafka container is used only if it answers
 * at the address it advertises (a fake broker advertising a dead port stands in for a restarted
 * container), and the MySQL container skips loading time-zone tables. Also `npm run doctor` on a
 * KATA_KAFKA_BROKERS that advertises a dead address (a common compose mistake).
 */
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MYSQL_CONTAINER, startAnsweringBroker, type BrokerStartSteps } from './containers.ts';
import { MAX_CONNECTIONS } from './local-mysql.ts';
import { probeBroker, type BrokerProbe } from './kafka-probe.ts';
import { capture } from './processes.ts';
import { startFakeBroker } from './fixtures/fake-broker.ts';

/** A port where nothing listens (it was free a moment ago). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('probeBroker', () => {
  it('accepts a broker that advertises itself', async () => {
    const broker = await startFakeBroker((port) => ({ host: '127.0.0.1', port }));
    try {
      expect(await probeBroker(broker.address)).toEqual({ ok: true, advertised: [broker.address] });
    } finally {
      await broker.close();
    }
  });

  it('rejects a broker that advertises a dead port, and names both addresses', async () => {
    const dead = await deadPort();
    const broker = await startFakeBroker(() => ({ host: '127.0.0.1', port: dead }));
    try {
      const probe = await probeBroker(broker.address, 1_000);
      expect(probe.ok).toBe(false);
      expect(probe).toMatchObject({ advertised: [`127.0.0.1:${dead}`] });
      if (!probe.ok) expect(probe.reason).toMatch(new RegExp(`^${broker.address} answers but advertises 127\\.0\\.0\\.1:${dead}, which does not answer \\(.*ECONNREFUSED`));
    } finally {
      await broker.close();
    }
  });

  it('rejects an address where nothing listens', async () => {
    const dead = await deadPort();
    const probe = await probeBroker(`127.0.0.1:${dead}`, 1_000);
    expect(probe).toEqual({ ok: false, reason: expect.stringMatching(new RegExp(`^127\\.0\\.0\\.1:${dead} does not answer as a Kafka broker`)) });
  });
});

type FakeContainer = { id: number; address: string };

/** Scripted steps: each start() hands out the next container, whose probe answers as scripted. */
function scripted(reuse: boolean, answers: boolean[]) {
  const log: string[] = [];
  let next = 0;
  const steps: BrokerStartSteps<FakeContainer> = {
    reuse,
    async start() {
      const id = ++next;
      log.push(`start ${id}`);
      return { id, address: `localhost:${9000 + id}` };
    },
    address: (container) => container.address,
    async probe(address): Promise<BrokerProbe> {
      const ok = answers[Number(address.split(':')[1]) - 9001];
      log.push(`probe ${address}`);
      return ok ? { ok: true, advertised: [address] } : { ok: false, reason: `${address} answers but advertises localhost:1, which does not answer`, advertised: ['localhost:1'] };
    },
    async discard(container) {
      log.push(`discard ${container.id}`);
    },
  };
  return { steps, log };
}

describe('startAnsweringBroker (reused Kafka containers)', () => {
  it('keeps a container that answers at its advertised address', async () => {
    const { steps, log } = scripted(true, [true]);
    expect(await startAnsweringBroker(steps)).toEqual({ started: { id: 1, address: 'localhost:9001' } });
    expect(log).toEqual(['start 1', 'probe localhost:9001']);
  });

  it('replaces a reused container that advertises a dead port with a fresh one', async () => {
    const { steps, log } = scripted(true, [false, true]);
    const result = await startAnsweringBroker(steps);
    expect(result.started.id).toBe(2);
    expect(result.replaced).toContain('advertises localhost:1');
    expect(log).toEqual(['start 1', 'probe localhost:9001', 'discard 1', 'start 2', 'probe localhost:9002']);
  });

  it('gives up with a clear error when the fresh one does not answer either, leaving nothing behind', async () => {
    const { steps, log } = scripted(true, [false, false]);
    await expect(startAnsweringBroker(steps)).rejects.toThrow('Kafka started in Docker (a fresh container, the reused one was dead) but localhost:9002 answers but advertises localhost:1');
    expect(log).toEqual(['start 1', 'probe localhost:9001', 'discard 1', 'start 2', 'probe localhost:9002', 'discard 2']);
  });

  it('does not retry a fresh (not reused) container that does not answer', async () => {
    const { steps, log } = scripted(false, [false]);
    await expect(startAnsweringBroker(steps)).rejects.toThrow('Kafka started in Docker but localhost:9001 answers');
    expect(log).toEqual(['start 1', 'probe localhost:9001', 'discard 1']);
  });
});

describe('the MySQL container', () => {
  it('skips loading the time-zone tables at init (the harness only uses +00:00)', () => {
    expect(MYSQL_CONTAINER.environment).toMatchObject({ MYSQL_INITDB_SKIP_TZINFO: '1' });
    expect(MYSQL_CONTAINER.command).toContain('--default-time-zone=+00:00');
    // as many connections as the local server allows: the same parallel suites run on both
    expect(MYSQL_CONTAINER.command).toContain(`--max-connections=${MAX_CONNECTIONS}`);
  });
});

describe('npm run doctor on KATA_KAFKA_BROKERS that advertises a dead address', () => {
  it('says so in one line, with the fix', async () => {
    const dead = await deadPort();
    const broker = await startFakeBroker(() => ({ host: '127.0.0.1', port: dead }));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, KATA_KAFKA_BROKERS: broker.address, FORCE_COLOR: '0', NO_COLOR: '1' };
      delete env.KATA_PROVIDER;
      const { code, output } = await capture(process.execPath, [fileURLToPath(new URL('../cli/doctor.ts', import.meta.url))], { env });
      expect(output).toMatch(new RegExp(`✗ KATA_KAFKA_BROKERS\\s+${broker.address} answers but advertises 127\\.0\\.0\\.1:${dead}, which does not answer`));
      expect(output).toContain("fix: the broker's advertised listener is wrong: set its KAFKA_ADVERTISED_LISTENERS to an address this machine reaches");
      expect(code).toBe(1);
    } finally {
      await broker.close();
    }
  });
});
