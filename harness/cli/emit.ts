/**
 * npm run emit -- <event type> [--id <entity id>] [--<field.path> <value> ...]
 * Publishes a realistic event, built like the tests build theirs, to the running service's broker:
 *   npm run emit -- user.created
 *   npm run emit -- user.created --contact_info.primary_email bob@example.com --profile null
 *   npm run emit -- user.updated --id 65a1f0c2e4b0a1b2c3d4e5f6 --version 2
 *   npm run emit -- user.deleted --id 65a1f0c2e4b0a1b2c3d4e5f6
 *   npm run emit -- order.cancelled --order_number ORD-2026-000123   (the number `npm run sql` shows)
 * Values are read as JSON when they parse (2, null, true, {"a":1}), as text otherwise.
 */
import { parseArgs, styleText } from 'node:util';
import { domainOf, EventType, isEventType, topicOf, type EventEnvelope } from '../events/contract.ts';
import { newObjectId } from '../events/envelope.ts';
import { isoTimestamp } from '../events/time.ts';
import { connectBroker } from '../kafka/broker.ts';
import { findEndpoints } from '../dev/environment.ts';
import { UsageError } from '../learn/katas.ts';
import { runCli } from './run-cli.ts';

const USAGE = 'npm run emit -- <event type> [--id <entity id>] [--<field.path> <value> ...]   e.g. npm run emit -- user.created';

const isDocument = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Sets a dotted path in a document: ('contact_info.phone', x) -> document.contact_info.phone = x.
 * null removes an entry of a map of child documents ('variants.navy-m': the backend drops a
 * variant's key, it never sends the key with null) and makes any other field null.
 */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (!isDocument(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = keys.at(-1)!;
  const entries = Object.values(node);
  const mapOfDocuments = keys.length > 1 && entries.length > 0 && entries.every(isDocument);
  if (value === null && mapOfDocuments) delete node[last];
  else node[last] = value;
}

/** Every dotted path of a document, objects included: { a: { b: 1 } } -> ['a', 'a.b']. */
export function fieldPaths(document: object, prefix = ''): string[] {
  return Object.entries(document).flatMap(([key, value]) => {
    const path = prefix + key;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? [path, ...fieldPaths(value, `${path}.`)] : [path];
  });
}

function parseValue(text: string | undefined, name: string): unknown {
  if (text === undefined) throw new UsageError(`--${name} needs a value`);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Now, with microseconds (Date has milliseconds only), so the playground shows what DATETIME(6) keeps. */
export function nowWithMicroseconds(): string {
  const micros = Math.floor((performance.timeOrigin + performance.now()) * 1000);
  return isoTimestamp(micros);
}

export function buildEvent(type: string, id: string | undefined, fields: [string, unknown][], now = nowWithMicroseconds()): EventEnvelope<object> {
  if (!isEventType(type)) {
    throw new UsageError(`Unknown event type "${type}". Valid: ${Object.values(EventType).join(', ')}`);
  }
  const domain = domainOf(type);
  if (domain.refersToExisting.includes(type) && !id) {
    // an event that names its entity by a business key (order.cancelled: order_number) can name it with that field instead
    const keys = keyFields(type, now);
    if (!fields.some(([path]) => keys.includes(path))) {
      throw new UsageError(`${type} needs --id <the ${domain.name}'s id>${keys.length > 0 ? ` or ${keys.map((key) => `--${key} <its ${key}>`).join(' or ')}` : ''}`);
    }
  }
  const event = domain.example(type, id ?? newObjectId(), now);
  const valid = fieldPaths(event.data);
  for (const [path, value] of fields) {
    if (!valid.includes(path)) throw new UsageError(`${type} has no field "${path}". Its fields: ${valid.join(', ')}`);
    setPath(event.data as Record<string, unknown>, path, valueLike(type, path, getPath(event.data, path), value));
  }
  return event;
}

/** The fields of an event's example that follow the entity's id: the business key it names its entity by (order_number). */
function keyFields(type: EventType, now: string): string[] {
  const domain = domainOf(type);
  const one = domain.example(type, '000000000000000000000001', now).data as Record<string, unknown>;
  const other = domain.example(type, '000000000000000000000002', now).data as Record<string, unknown>;
  return Object.keys(one).filter((key) => typeof one[key] === 'string' && one[key] !== other[key]);
}

function getPath(document: object, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
}

const kindOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'list' : typeof value === 'object' ? 'object' : typeof value);

/**
 * A value of the field's kind, as the example has it: a number for a number, text for text (a
 * number given for a text field becomes text). null is always accepted (it removes an optional
 * part, or shows what a NOT NULL column does with a missing one).
 */
export function valueLike(type: string, path: string, example: unknown, value: unknown): unknown {
  if (value === null || example === null || example === undefined) return value;
  if (typeof example === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
  if (kindOf(example) === kindOf(value)) return value;
  throw new UsageError(`--${path} takes a ${kindOf(example)} in ${type} (the example has ${JSON.stringify(example)}), got ${JSON.stringify(value)}. null removes it.`);
}

/** npm run emit -- <type> --help: the event's fields, with the example's values. */
export function fieldsHelp(type: string): string {
  const event = buildEvent(type, domainOf(type as EventType).refersToExisting.includes(type as EventType) ? newObjectId() : undefined, [], nowWithMicroseconds());
  const lines = fieldPaths(event.data).map((path) => {
    const value = getPath(event.data, path);
    return `  --${path.padEnd(36)} ${typeof value === 'object' && value !== null ? `(${kindOf(value)})` : JSON.stringify(value)}`;
  });
  return [
    `${type}: every field you can set, with the value of a generated example:`,
    ...lines,
    'Values are read as JSON when they parse (2, true, null, {"a":1}), as text otherwise; null makes a field null, and removes an entry of a map such as variants (--variants.navy-m null).',
  ].join('\n');
}

if (import.meta.main) {
  runCli(USAGE, async () => {
    const { positionals, tokens } = parseArgs({ allowPositionals: true, strict: false, tokens: true });
    const help = (tokens ?? []).some((token) => token.kind === 'option' && (token.name === 'help' || token.name === 'h'));
    if (help && positionals.length === 0) {
      console.log(`${USAGE}\nEvent types: ${Object.values(EventType).join(', ')}\nnpm run emit -- <event type> --help lists its fields.`);
      return;
    }
    if (help) {
      if (!isEventType(positionals[0]!)) throw new UsageError(`Unknown event type "${positionals[0]}". Valid: ${Object.values(EventType).join(', ')}`);
      console.log(fieldsHelp(positionals[0]!));
      return;
    }
    if (positionals.length === 0) throw new UsageError(`Name an event type: ${Object.values(EventType).join(', ')}`);
    const fields: [string, unknown][] = [];
    let id: string | undefined;
    const list = tokens ?? [];
    for (let i = 0; i < list.length; i++) {
      const token = list[i]!;
      if (token.kind !== 'option') continue;
      let value = token.value;
      if (value === undefined && list[i + 1]?.kind === 'positional') {
        value = (list[i + 1] as { value: string }).value;
        positionals.splice(positionals.indexOf(value), 1);
        i++;
      }
      if (token.name === 'id') id = String(parseValue(value, 'id'));
      else fields.push([token.name, parseValue(value, token.name)]);
    }
    if (positionals.length !== 1) throw new UsageError(`One event type at a time (got ${positionals.join(' ')})`);
    const event = buildEvent(positionals[0]!, id, fields);
    const topic = (process.env.KATA_TOPIC_PREFIX ?? '') + topicOf(event.event_type as EventType);
    const producer = await connectBroker({ brokers: findEndpoints().brokers, clientId: 'kata-emit' }).producer();
    try {
      await producer.send(topic, [{ key: event.entity_id, value: JSON.stringify(event) }]);
    } finally {
      await producer.stop();
    }
    console.log(JSON.stringify(event, null, 2));
    console.log(styleText('green', `published ${event.event_type} entity=${event.entity_id} event_id=${event.event_id} to ${topic}`));
    const { table, idField } = domainOf(event.event_type as EventType);
    console.log(`Now check the service's log for that event_id, then: npm run sql -- "SELECT * FROM ${table} WHERE ${idField} = '${event.entity_id}'"`);
  });
}
