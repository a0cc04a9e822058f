/**
 * Dead letters: their size is bounded by the original message's, and a broker that refuses one
 * can never send its event round again. The broker's refusals are played by a send function:
 * kcat's mock cluster takes messages of any size, so it cannot refuse one.
 * (event-consumer.e2e.test.ts sends real letters, a 900 KB one among them, through a real broker.)
 */
import { describe, expect, it } from 'vitest';
import { BrokerSendError, type Delivery, type OutgoingMessage } from './broker.ts';
import { DEAD_LETTER_HEADERS, deadLetterMessage, MAX_ERROR_CHARS, sendDeadLetter, TRUNCATED_VALUE_BYTES, type Letter } from './dead-letter.ts';
import { Interrupted } from './pause.ts';

const letter: Letter = {
  reason: 'handler-failed',
  error: 'Error: boom',
  attempts: 3,
  event_id: '3f0c9a4e-1d2b-4c5d-8e9f-0a1b2c3d4e5f',
  event_type: 'user.created',
  source: { topic: 'users', partition: 2, offset: '17' },
  failed_at: '2024-01-15T10:30:00.000Z',
};

const bigValue = Buffer.from(JSON.stringify({ event_id: 'x', data: { bio: 'é'.repeat(450_000) } }));
const original = { key: '65a1b2c3d4e5f6a7b8c9d0e1', valueBytes: bigValue };

function headerBytes(message: OutgoingMessage): number {
  return Object.entries(message.headers ?? {}).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value), 0);
}

/** A delivery that stays active until stop() (what broker.ts hands to the framework). */
function delivery(): Delivery & { stop(): void } {
  const controller = new AbortController();
  return { signal: controller.signal, active: () => !controller.signal.aborted, heartbeat: async () => undefined, stop: () => controller.abort() };
}

const refused = () => new BrokerSendError('KafkaJSProtocolError MESSAGE_TOO_LARGE: The request included a message larger than the max message size the server will accept', { retriable: false });
const unreachable = () => new BrokerSendError('KafkaJSConnectionError: Connection error: connect ECONNREFUSED 127.0.0.1:9092', { retriable: true });
const backoff = { initialMs: 1, maxMs: 4 };

describe('a dead letter', () => {
  it('carries the original bytes as its value and the reason in headers: about 1 KB more than the message, whatever the error', () => {
    const message = deadLetterMessage({ ...letter, error: `Error: ${'why '.repeat(50_000)}` }, original);
    expect(message.key).toBe(original.key);
    expect(Buffer.compare(message.value as Buffer, bigValue)).toBe(0);
    expect(message.headers).toMatchObject({
      [DEAD_LETTER_HEADERS.reason]: 'handler-failed',
      [DEAD_LETTER_HEADERS.attempts]: '3',
      [DEAD_LETTER_HEADERS.eventId]: letter.event_id,
      [DEAD_LETTER_HEADERS.sourceTopic]: 'users',
      [DEAD_LETTER_HEADERS.sourcePartition]: '2',
      [DEAD_LETTER_HEADERS.sourceOffset]: '17',
    });
    expect(message.headers![DEAD_LETTER_HEADERS.error]).toHaveLength(MAX_ERROR_CHARS);
    expect(headerBytes(message)).toBeLessThan(2_048);
  });

  it('keeps a value that is not even UTF-8 byte for byte, and leaves out the ids it does not know', () => {
    const garbage = Buffer.from([0xff, 0xfe, 0x00, 0x7b]);
    const message = deadLetterMessage({ ...letter, reason: 'malformed-json', event_id: null, event_type: null }, { key: null, valueBytes: garbage });
    expect(Buffer.compare(message.value as Buffer, garbage)).toBe(0);
    expect(message.headers).not.toHaveProperty(DEAD_LETTER_HEADERS.eventId);
  });
});

describe('sendDeadLetter', () => {
  it('sends the letter whole when the broker takes it', async () => {
    const sent: OutgoingMessage[] = [];
    const outcome = await sendDeadLetter({ send: async (message) => void sent.push(message), letter, original, delivery: delivery(), onWait: () => expect.fail('no wait expected'), backoff });
    expect(outcome).toEqual({ sent: 'whole' });
    expect(sent).toHaveLength(1);
  });

  it('cuts the value to 16 KB with a note when the broker refuses the whole letter', async () => {
    const sent: OutgoingMessage[] = [];
    const send = async (message: OutgoingMessage) => {
      sent.push(message);
      if ((message.value as Buffer).length > TRUNCATED_VALUE_BYTES) throw refused();
    };
    const outcome = await sendDeadLetter({ send, letter, original, delivery: delivery(), onWait: () => expect.fail('no wait expected'), backoff });
    expect(outcome).toMatchObject({ sent: 'truncated', note: expect.stringContaining('MESSAGE_TOO_LARGE') });
    expect(sent).toHaveLength(2);
    const cut = sent[1]!;
    expect(cut.value).toHaveLength(TRUNCATED_VALUE_BYTES);
    expect(Buffer.compare(cut.value as Buffer, bigValue.subarray(0, TRUNCATED_VALUE_BYTES))).toBe(0);
    expect(cut.headers![DEAD_LETTER_HEADERS.valueTruncated]).toMatch(new RegExp(`whole value \\(${bigValue.length} bytes\\).*the original is at users\\[2\\]@17`));
  });

  it('gives up after two refusals, and says where the original is: a refused letter never loops', async () => {
    let sends = 0;
    const outcome = await sendDeadLetter({
      send: async () => {
        sends++;
        throw refused();
      },
      letter,
      original,
      delivery: delivery(),
      onWait: () => expect.fail('a refusal is not waited for'),
      backoff,
    });
    expect(sends).toBe(2);
    expect(outcome).toEqual({ sent: 'no', note: expect.stringMatching(/refused the letter, even with the value cut: .*MESSAGE_TOO_LARGE.*the original is at users\[2\]@17/) });
  });

  it('waits for a broker it cannot reach, with growing pauses, then sends the letter whole', async () => {
    let failuresLeft = 4;
    const waits: number[] = [];
    const outcome = await sendDeadLetter({
      send: async () => {
        if (failuresLeft-- > 0) throw unreachable();
      },
      letter,
      original,
      delivery: delivery(),
      onWait: (cause, waitMs) => {
        expect(cause).toContain('ECONNREFUSED');
        waits.push(waitMs);
      },
      backoff,
    });
    expect(outcome).toEqual({ sent: 'whole' });
    expect(waits).toEqual([1, 2, 4, 4]);
  });

  it('stops waiting for an unreachable broker as soon as the consumer stops, leaving the event uncommitted', async () => {
    const handle = delivery();
    let sends = 0;
    const sending = sendDeadLetter({
      send: async () => {
        sends++;
        if (sends === 3) handle.stop();
        throw unreachable();
      },
      letter,
      original,
      delivery: handle,
      onWait: () => undefined,
      backoff,
    });
    await expect(sending).rejects.toBeInstanceOf(Interrupted);
    expect(sends).toBe(3);
  });
});
