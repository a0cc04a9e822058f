/**
 * How the bootstrap finds each kata's code: its CREATE TABLE list and its handlers. The order,
 * the domain and so the topics come from curriculum.ts; a kata with a domain that is missing
 * here fails the type check.
 */
import { curriculum, hasDomain, type DomainKataId, type KataId } from '../curriculum.ts';
import { domains } from './events/domains.ts';
import type { HandlerMap, Topic } from './events/contract.ts';

type KataCode = {
  tables: () => Promise<readonly string[]>;
  handlers: () => Promise<HandlerMap>;
};

export type KataWiring = KataCode & { id: KataId; topics: readonly Topic[] };

const code: Record<DomainKataId, KataCode> = {
  '01-user': {
    tables: async () => (await import('../katas/01-user/tables.ts')).tables,
    handlers: async () => new (await import('../katas/01-user/user-consumer.ts')).UserConsumer().getHandlers(),
  },
  '02-supplier': {
    tables: async () => (await import('../katas/02-supplier/tables.ts')).tables,
    handlers: async () => new (await import('../katas/02-supplier/supplier-consumer.ts')).SupplierConsumer().getHandlers(),
  },
  '04-product': {
    tables: async () => (await import('../katas/04-product/tables.ts')).tables,
    handlers: async () => new (await import('../katas/04-product/product-consumer.ts')).ProductConsumer().getHandlers(),
  },
  '05-post': {
    tables: async () => (await import('../katas/05-post/tables.ts')).tables,
    handlers: async () => new (await import('../katas/05-post/post-consumer.ts')).PostConsumer().getHandlers(),
  },
  '07-order': {
    tables: async () => (await import('../katas/07-order/tables.ts')).tables,
    handlers: async () => new (await import('../katas/07-order/order-consumer.ts')).OrderConsumer().getHandlers(),
  },
};

/** Every kata with a domain, in course order. */
export const katas: readonly KataWiring[] = curriculum.filter(hasDomain).map((kata) => ({ id: kata.id, ...code[kata.id], topics: [domains[kata.domain].topic] }));
