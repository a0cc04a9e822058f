/**
 * npm run emit -- <event type> [--id <entity id>] [--<field.path> <value> ...]
 * Publishes a realistic event, built like the tests build theirs, to the running service's broker:
 *   npm run emit -- user.created
 *   npm run emit -- user.created --contact_info.primary_email bob@example.com --profile null
 *   npm run emit -- user.updated --id 65a1f0c2e4b0a1b2c3d4e5f6 --version 2
 *   npm run emit -- user.deleted --id 65a1f0c2e4b0a1b2c3d4e5f6
 * Values are read as JSON when they parse (2, null, true, {"a":1}), as text otherwise.
 */
import { parseArgs, styleText } from 'node:util';
import { EventType, isEventType, topicOf, type EventEnvelope } from '../events/contract.ts';
import { buildSupplier, supplierEvent } from '../events/supplier.ts';
import { buildUser, newObjectId, userEvent } from '../events/user.ts';
import { connectBroker } from '../kafka/broker.ts';
import { findEndpoints } from '../dev/environment.ts';
import { UsageError } from '../learn/katas.ts';
import { runCli } from './run-cli.ts';

const USAGE = 'npm run emit -- <event type> [--id <entity id>] [--<field.path> <value> ...]   e.g. npm run emit -- user.created';

/** Sets a dotted path in a document: ('contact_info.phone', x) -> document.contact_info.phone = x. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}

function parseValue(text: string | undefined, name: string): unknown {
  if (text === undefined) throw new UsageError(`--${name} needs a value`);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function buildEvent(type: string, id: string | undefined, fields: [string, unknown][]): EventEnvelope<object> {
  if (!isEventType(type)) {
    throw new UsageError(`Unknown event type "${type}". Valid: ${Object.values(EventType).join(', ')}`);
  }
  const entityId = id ?? newObjectId();
  if (type.endsWith('.deleted')) {
    if (!id) throw new UsageError(`${type} needs --id <the ${type.split('.')[0]}'s id>`);
    return type === EventType.USER_DELETED ? userEvent(type, { user_id: entityId }) : supplierEvent(EventType.SUPPLIER_DELETED, { supplier_id: entityId });
  }
  const now = new Date().toISOString().replace('Z', '000+00:00');
  if (type === EventType.USER_CREATED || type === EventType.USER_UPDATED) {
    const document = buildUser({ user_id: entityId, created_at: now, updated_at: now });
    for (const [path, value] of fields) setPath(document, path, value);
    return userEvent(type, document, { timestamp: now });
  }
  const document = buildSupplier({ supplier_id: entityId, created_at: now, updated_at: now });
  for (const [path, value] of fields) setPath(document, path, value);
  return supplierEvent(type as typeof EventType.SUPPLIER_CREATED, document, { timestamp: now });
}

if (import.meta.main) {
  runCli(USAGE, async () => {
    const { positionals, tokens } = parseArgs({ allowPositionals: true, strict: false, tokens: true });
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
    console.log(`Now check the service's log for that event_id, then: npm run sql -- "SELECT * FROM ${topic.endsWith('users') ? 'users WHERE user_id' : 'suppliers WHERE supplier_id'} = '${event.entity_id}'"`);
  });
}
