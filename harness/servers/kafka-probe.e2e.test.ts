/**
 * The metadata probe against this run's real broker (kcat's mock cluster locally, Kafka 4 in
 * Docker on CI): it negotiates a Metadata version the broker speaks and finds the broker answering
 * at the address it advertises.
 */
import { describe, expect, it } from 'vitest';
import { kataEnvironment } from '../testing/provided.ts';
import { advertisedBrokers, probeBroker } from './kafka-probe.ts';

describe('probeBroker on the run\'s broker', () => {
  it('reads the advertised brokers and finds them answering', async () => {
    const [bootstrap] = kataEnvironment().kafkaBrokers!;
    const advertised = await advertisedBrokers(bootstrap!, 5_000);
    expect(advertised.length).toBeGreaterThan(0);
    expect(advertised.every((address) => /^[\w.-]+:\d+$/.test(address))).toBe(true);
    expect(await probeBroker(bootstrap!)).toEqual({ ok: true, advertised });
  });
});
