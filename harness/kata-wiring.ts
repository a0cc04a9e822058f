/**
 * How the bootstrap finds each kata's code: its CREATE TABLE list, its handlers, its topics.
 * Order follows curriculum.ts. Later katas add one entry each.
 */
import type { KataId } from '../curriculum.ts';
import { Topic, type HandlerMap } from './events/contract.ts';

export type KataWiring = {
  id: KataId;
  tables: () => Promise<readonly string[]>;
  handlers: () => Promise<HandlerMap>;
  topics: readonly Topic[];
};

export const katas: readonly KataWiring[] = [
  {
    id: '01-user',
    tables: async () => (await import('../katas/01-user/tables.ts')).tables,
    handlers: async () => new (await import('../katas/01-user/user-consumer.ts')).UserConsumer().getHandlers(),
    topics: [Topic.USERS],
  },
  {
    id: '02-supplier',
    tables: async () => (await import('../katas/02-supplier/tables.ts')).tables,
    handlers: async () => new (await import('../katas/02-supplier/supplier-consumer.ts')).SupplierConsumer().getHandlers(),
    topics: [Topic.SUPPLIERS],
  },
];
