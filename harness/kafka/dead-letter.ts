/**
 * Dead letters: messages the framework could not store, parked on the dead-letter topic for a
 * person to look at (`kcat -b <broker> -C -t dead-letter -f '%h\n%s\n'` shows both parts).
 *
 * A letter's value is the original message's bytes, untouched, and why it failed travels in
 * headers (`dead-letter-reason`, `dead-letter-error`...). So a letter is the size of the message
 * plus about a kilobyte of headers (the error text is cut at 1,000 characters): a message the
 * broker accepted once fits again. Should the broker still refuse the letter (a dead-letter topic
 * with a smaller size limit, say), it is sent once more with only the first 16 KB of the value and
 * a note saying where the original is; refused again, it is given up with a log line. A refused
 * letter can never send its event round again.
 */
import { BrokerSendError, type Delivery, type IncomingMessage, type OutgoingMessage } from './broker.ts';
import { backoffMs, pause } from './pause.ts';

export type DeadLetterReason = 'malformed-json' | 'invalid-envelope' | 'unknown-event-type' | 'contract-violation' | 'handler-failed';

/** A dead letter as a reader gets it back (readDeadLetter). */
export type DeadLetter = {
  reason: DeadLetterReason;
  error: string;
  attempts: number;
  event_id: string | null;
  event_type: string | null;
  source: { topic: string; partition: number; offset: string };
  failed_at: string;
  /** the original message's value (only its beginning when value_truncated is set) */
  value: string | null;
  /** set when the broker refused the whole value: how much was left out, why, and where the original is */
  value_truncated: string | null;
};

export const DEAD_LETTER_HEADERS = {
  reason: 'dead-letter-reason',
  error: 'dead-letter-error',
  attempts: 'dead-letter-attempts',
  eventId: 'dead-letter-event-id',
  eventType: 'dead-letter-event-type',
  sourceTopic: 'dead-letter-source-topic',
  sourcePartition: 'dead-letter-source-partition',
  sourceOffset: 'dead-letter-source-offset',
  failedAt: 'dead-letter-failed-at',
  valueTruncated: 'dead-letter-value-truncated',
} as const;

export const MAX_ERROR_CHARS = 1_000;
export const TRUNCATED_VALUE_BYTES = 16 * 1024;

/** How a letter went: whole, with its value cut after the broker refused it whole, or not at all. */
export type DeadLetterOutcome = { sent: 'whole' | 'truncated'; note?: string } | { sent: 'no'; note: string };

export type Letter = Omit<DeadLetter, 'value' | 'value_truncated'>;

/** The message for a letter: the original key and value bytes, the rest in headers. */
export function deadLetterMessage(letter: Letter, original: { key: string | null; valueBytes: Buffer | null }, valueTruncated?: string): OutgoingMessage {
  const error = letter.error.length > MAX_ERROR_CHARS ? `${letter.error.slice(0, MAX_ERROR_CHARS - 1)}…` : letter.error;
  const headers: Record<string, string> = {
    [DEAD_LETTER_HEADERS.reason]: letter.reason,
    [DEAD_LETTER_HEADERS.error]: error,
    [DEAD_LETTER_HEADERS.attempts]: String(letter.attempts),
    [DEAD_LETTER_HEADERS.sourceTopic]: letter.source.topic,
    [DEAD_LETTER_HEADERS.sourcePartition]: String(letter.source.partition),
    [DEAD_LETTER_HEADERS.sourceOffset]: letter.source.offset,
    [DEAD_LETTER_HEADERS.failedAt]: letter.failed_at,
  };
  if (letter.event_id !== null) headers[DEAD_LETTER_HEADERS.eventId] = letter.event_id;
  if (letter.event_type !== null) headers[DEAD_LETTER_HEADERS.eventType] = letter.event_type;
  let value = original.valueBytes;
  if (valueTruncated !== undefined) {
    headers[DEAD_LETTER_HEADERS.valueTruncated] = valueTruncated;
    value = value?.subarray(0, TRUNCATED_VALUE_BYTES) ?? null;
  }
  return { key: original.key, value, headers };
}

/** A letter read back from the dead-letter topic. */
export function readDeadLetter(message: IncomingMessage): DeadLetter {
  const header = (name: string) => message.headers[name] ?? null;
  return {
    reason: header(DEAD_LETTER_HEADERS.reason) as DeadLetterReason,
    error: header(DEAD_LETTER_HEADERS.error) ?? '',
    attempts: Number(header(DEAD_LETTER_HEADERS.attempts)),
    event_id: header(DEAD_LETTER_HEADERS.eventId),
    event_type: header(DEAD_LETTER_HEADERS.eventType),
    source: {
      topic: header(DEAD_LETTER_HEADERS.sourceTopic) ?? '',
      partition: Number(header(DEAD_LETTER_HEADERS.sourcePartition)),
      offset: header(DEAD_LETTER_HEADERS.sourceOffset) ?? '',
    },
    failed_at: header(DEAD_LETTER_HEADERS.failedAt) ?? '',
    value: message.value,
    value_truncated: header(DEAD_LETTER_HEADERS.valueTruncated),
  };
}

export type SendDeadLetterOptions = {
  send: (message: OutgoingMessage) => Promise<void>;
  letter: Letter;
  original: { key: string | null; valueBytes: Buffer | null };
  delivery: Delivery;
  /** called before each wait for a broker that could not be reached */
  onWait: (cause: string, waitMs: number) => void;
  backoff: { initialMs: number; maxMs: number };
};

/**
 * Sends a letter. A broker that cannot be reached (a retriable error) is waited for with capped
 * backoff, for as long as the delivery stays active (the event stays uncommitted meanwhile); a
 * refusal (too large, invalid...) leads to one more try with the value cut, then to giving up.
 */
export async function sendDeadLetter(options: SendDeadLetterOptions): Promise<DeadLetterOutcome> {
  const { letter, original, delivery } = options;
  const where = `${letter.source.topic}[${letter.source.partition}]@${letter.source.offset}`;
  let truncated: string | undefined;
  for (let waits = 0; ; ) {
    try {
      await options.send(deadLetterMessage(letter, original, truncated));
      return truncated === undefined ? { sent: 'whole' } : { sent: 'truncated', note: truncated };
    } catch (error) {
      const cause = (error instanceof Error ? error.message : String(error)).slice(0, 300);
      if (error instanceof BrokerSendError && error.retriable) {
        const waitMs = backoffMs(waits++, options.backoff.initialMs, options.backoff.maxMs);
        options.onWait(cause, waitMs);
        await pause(waitMs, delivery);
        continue;
      }
      if (truncated === undefined) {
        const size = original.valueBytes?.length ?? 0;
        truncated = `the broker refused the letter with the whole value (${size} bytes): ${cause}; kept the first ${Math.min(size, TRUNCATED_VALUE_BYTES)} bytes; the original is at ${where}`;
        continue;
      }
      return { sent: 'no', note: `the broker refused the letter, even with the value cut: ${cause}; the original is at ${where}` };
    }
  }
}
