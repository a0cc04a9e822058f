/** Reaching a kata's handlers the way the framework does, and explaining how they go wrong. */
import { EventType, type EventHandler, type HandlerMap } from '../events/contract.ts';
import { notAboutTheData } from './properties.ts';

/**
 * The handler registered for eventType, to be called as a plain function, as the framework calls
 * it (so a method handed over without its object fails here too). Fails with a pointer to the
 * lesson when getHandlers() has no entry for the type.
 */
export function handlerFrom(handlers: HandlerMap, eventType: EventType, pointer: string): EventHandler {
  const handler = handlers[eventType];
  if (!handler) {
    throw new Error(`getHandlers() has no handler for "${eventType}", so the framework would dead-letter every such event.\n${pointer}`);
  }
  return handler;
}

/** The members (fields and methods) an object has, up to Object.prototype. */
function membersOf(object: object): Set<string> {
  const names = new Set<string>();
  for (let current: object | null = object; current && current !== Object.prototype; current = Object.getPrototypeOf(current)) {
    for (const name of Object.getOwnPropertyNames(current)) names.add(name);
  }
  return names;
}

/**
 * Recognises the TypeError of a method called without its object ("Cannot read properties of
 * undefined (reading 'dal')", where dal is a member of the consumer) and returns the error that
 * explains it; any other error comes back unchanged.
 */
export function explainUnboundThis(
  error: unknown,
  context: { consumer: object; eventType: EventType; handlerName?: string; pointer: string },
): unknown {
  if (!(error instanceof TypeError)) return error;
  const match = /^Cannot (?:read|set) properties of undefined \((?:reading|setting) '([^']+)'\)/.exec(error.message);
  if (!match || !membersOf(context.consumer).has(match[1]!)) return error;
  const method = context.handlerName ?? 'handle...';
  const constant = Object.entries(EventType).find(([, value]) => value === context.eventType)?.[0] ?? '...';
  const explained = new Error(
    `The ${context.eventType} handler ran with \`this\` undefined, so this.${match[1]} does not exist (${error.name}: ${error.message}).\n` +
      `getHandlers() handed over the method itself (this.${method}), and the framework calls every handler as a plain function: ` +
      `a method called that way has no object.\n` +
      `Wrap each handler in an arrow function, which keeps \`this\`: [EventType.${constant}]: (event) => this.${method}(event)\n` +
      context.pointer,
  );
  explained.name = 'UnboundThis';
  return notAboutTheData(explained);
}

/**
 * A handler that read a field of a part the event does not have (`data.link_preview.url` when the
 * document has no link preview): the runtime's TypeError says what, not why. Left as it is when
 * explainUnboundThis already explained it, or for any other error.
 */
export function explainMissingPart(error: unknown, context: { eventType: string; pointer: string; data?: unknown }): unknown {
  if (!(error instanceof TypeError)) return error;
  const match = /^Cannot read properties of (undefined|null) \(reading '([^']+)'\)/.exec(error.message);
  if (!match) return error;
  const explained = new Error(
    `The ${context.eventType} handler read .${match[2]} of something that is ${match[1]} in this event (${error.name}: ${error.message}).\n` +
      `A document's optional parts may be missing or null${presentParts(context.data)}: read through them with ?. (for example data.part?.${match[2]}) ` +
      `and store NULL for what the event does not have, as the lesson's flattening table says.\n` +
      context.pointer,
  );
  explained.name = 'MissingPart';
  return explained;
}

/** " (this event's data has: a, b, c; null: d)": what the handler could read, for the missing-part message. */
function presentParts(data: unknown): string {
  if (typeof data !== 'object' || data === null) return '';
  const entries = Object.entries(data as Record<string, unknown>);
  const present = entries.filter(([, value]) => value !== null && value !== undefined).map(([key]) => key);
  const empty = entries.filter(([, value]) => value === null).map(([key]) => key);
  return ` (this event's data has: ${present.join(', ') || 'nothing'}${empty.length ? `; null: ${empty.join(', ')}` : ''})`;
}

/**
 * A handler that looped with for...of (or spread) over a part of the document that is a map, an
 * object keyed by name (kata 04's `data.variants`, keyed by variant key): the runtime says "object
 * is not iterable", not that the part is a map and its keys are values to keep. Any other error
 * comes back unchanged (a part that is missing is explainMissingPart's, or the runtime's own).
 */
export function explainMapIteratedAsArray(error: unknown, context: { eventType: string; pointer: string }): unknown {
  if (!(error instanceof TypeError)) return error;
  // V8 names the expression when it can ("data.variants is not iterable"), else says "object"
  const match = /^(.+?) is not iterable\b/.exec(error.message);
  if (!match || match[1] === 'undefined' || match[1] === 'null') return error;
  const what = match[1] === 'object' ? 'an object' : `${match[1]}, an object (or a part the event does not have),`;
  const explained = new Error(
    `The ${context.eventType} handler looped over ${what} as if it were an array (${error.name}: ${error.message}).\n` +
      `A part of the document keyed by name, a map such as { "red-xl": {...}, "navy-m": {...} }, is a plain object: for...of cannot walk it. ` +
      `Object.entries(map) gives its [key, value] pairs, and the key is data to keep (Object.values would lose it). ` +
      `A map that may be missing or null: Object.entries(map ?? {}).\n` +
      context.pointer,
  );
  explained.name = 'MapIteratedAsArray';
  return explained;
}
