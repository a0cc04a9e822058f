/**
 * The watch-mode pipeline relay's wire (pipeline-relay.ts, pipeline-relay-client.ts): one JSON
 * object per line, and handler errors carried with the fields the consumer framework reads.
 */
import type { Socket } from 'node:net';

export function send(socket: Socket, message: object): void {
  if (!socket.destroyed) socket.write(JSON.stringify(message) + '\n');
}

/** Calls onMessage for every line; does not wait for one message before the next (a call may await a delivery). */
export function lineReader<T>(socket: Socket, onMessage: (message: T) => unknown): void {
  let buffered = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      if (line) void onMessage(JSON.parse(line) as T);
    }
  });
}

export type SerializedError = {
  name: string;
  message: string;
  stack?: string;
  /** mysql2's and Node's codes: the framework tells a database outage from a bad event by them */
  fields: Record<string, string | number | boolean | null>;
  cause?: SerializedError;
  errors?: SerializedError[];
};

const FIELDS = ['code', 'errno', 'sqlState', 'sqlMessage', 'fatal', 'syscall'] as const;

export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: SerializedError['fields'] = {};
  for (const field of FIELDS) {
    const value = (error as unknown as Record<string, unknown>)[field];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) fields[field] = value;
  }
  const serialized: SerializedError = { name: error.name, message: error.message, stack: error.stack, fields };
  if (depth < 4 && error.cause !== undefined) serialized.cause = serializeError(error.cause, depth + 1);
  if (depth < 4 && error instanceof AggregateError) serialized.errors = error.errors.map((inner) => serializeError(inner, depth + 1));
  return serialized;
}

export function reviveError(serialized: SerializedError): Error {
  const cause = serialized.cause ? reviveError(serialized.cause) : undefined;
  const error = serialized.errors
    ? new AggregateError(serialized.errors.map(reviveError), serialized.message, cause ? { cause } : undefined)
    : new Error(serialized.message, cause ? { cause } : undefined);
  error.name = serialized.name;
  if (serialized.stack) error.stack = serialized.stack;
  Object.assign(error, serialized.fields);
  return error;
}
