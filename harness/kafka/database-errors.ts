/**
 * Which handler failures are the database's fault rather than the event's. The framework waits
 * and tries such an event again (uncommitted) until the database answers; every other failure
 * (a constraint, a value out of range, a type error, a bug in the handler) is the event's and
 * ends on the dead-letter topic after a few attempts.
 *
 * mysql2 sets `code` (a Node.js socket code such as ECONNREFUSED, or the server's symbolic name
 * such as ER_LOCK_DEADLOCK) and, for server errors, `errno` (1213). Both are checked, on the error
 * and on the errors it wraps (`cause`, AggregateError's `errors`): a handler may wrap what it caught.
 */

/** Socket and protocol codes: the server is down, restarting, unreachable or dropped the connection. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
]);

/** Server error numbers that say "not now", never "not this row". */
const UNAVAILABLE_ERRNOS = new Map<number, string>([
  [1040, 'ER_CON_COUNT_ERROR'], // too many connections
  [1203, 'ER_TOO_MANY_USER_CONNECTIONS'],
  [1053, 'ER_SERVER_SHUTDOWN'], // server shutdown in progress
  [1205, 'ER_LOCK_WAIT_TIMEOUT'],
  [1213, 'ER_LOCK_DEADLOCK'],
  [1927, 'ER_CONNECTION_KILLED'], // MariaDB: the connection was killed (a shutdown, an operator)
  [2002, 'CR_CONNECTION_ERROR'],
  [2003, 'CR_CONN_HOST_ERROR'],
  [2006, 'CR_SERVER_GONE_ERROR'],
  [2013, 'CR_SERVER_LOST'],
  [4031, 'ER_CLIENT_INTERACTION_TIMEOUT'], // MySQL 8: the server closed an idle connection
  // The service cannot reach its data at all: not the event's fault either. Waiting (and saying
  // so in the log) keeps every event for when the account or database is back.
  [1044, 'ER_DBACCESS_DENIED_ERROR'],
  [1045, 'ER_ACCESS_DENIED_ERROR'],
  [1049, 'ER_BAD_DB_ERROR'],
]);

const UNAVAILABLE_NAMES = new Set(UNAVAILABLE_ERRNOS.values());

/** mysql2's message when a command is given to a connection the server already closed (no code). */
const CLOSED_CONNECTION = /connection is in closed state|Connection lost: The server closed the connection/i;

type ErrorFields = { code?: unknown; errno?: unknown; message?: unknown; cause?: unknown; errors?: unknown };

/** The error and every error it wraps (cause, an AggregateError's errors), breadth first, each once. */
function* errorChain(error: unknown): Generator<ErrorFields> {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.shift();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    const fields = current as ErrorFields;
    yield fields;
    pending.push(fields.cause);
    if (Array.isArray(fields.errors)) pending.push(...fields.errors);
  }
}

/**
 * When the error means the database cannot take any write right now, a short description for the
 * log ("ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:3306"); undefined when the event is to blame.
 */
export function databaseUnavailable(error: unknown): string | undefined {
  for (const { code, errno, message } of errorChain(error)) {
    const text = typeof message === 'string' ? message.split('\n')[0]! : '';
    if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || UNAVAILABLE_NAMES.has(code))) return `${code}: ${text}`;
    if (typeof errno === 'number' && UNAVAILABLE_ERRNOS.has(errno)) return `${UNAVAILABLE_ERRNOS.get(errno)} (${errno}): ${text}`;
    if (CLOSED_CONNECTION.test(text)) return `connection closed: ${text}`;
  }
  return undefined;
}

/** Lock conflicts between transactions: the server rolled the statement (or transaction) back; trying again is the cure. */
const LOCK_CONFLICTS = new Map<number, string>([
  [1213, 'deadlock'],
  [1205, 'lock wait timeout'],
]);
const LOCK_CONFLICT_NAMES = new Map([...LOCK_CONFLICTS].map(([errno, what]) => [UNAVAILABLE_ERRNOS.get(errno)!, what]));

/**
 * When the error is a deadlock or a lock wait timeout (on the error or one it wraps), what it is
 * and the server's code ("deadlock (ER_LOCK_DEADLOCK 1213)"); undefined otherwise. These are
 * neither the event's fault nor an outage: two transactions met, one was rolled back.
 */
export function lockConflict(error: unknown): string | undefined {
  for (const { code, errno } of errorChain(error)) {
    if (typeof errno === 'number' && LOCK_CONFLICTS.has(errno)) return `${LOCK_CONFLICTS.get(errno)} (${UNAVAILABLE_ERRNOS.get(errno)} ${errno})`;
    if (typeof code === 'string' && LOCK_CONFLICT_NAMES.has(code)) return `${LOCK_CONFLICT_NAMES.get(code)} (${code})`;
  }
  return undefined;
}
