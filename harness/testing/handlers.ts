/** Reaching a kata's handlers the way the framework does. */
import type { EventHandler, EventType, HandlerMap } from '../events/contract.ts';

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
