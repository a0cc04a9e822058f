/**
 * The stand-in DAL of kata 07's consumer suite: `orders` and `order_items` kept in memory, with
 * transactions, so that the handlers are judged alone, whatever state the student's DAL and
 * tables are in. It keeps the rules the real tables and a correct DAL keep, and the ones a
 * handler must respect:
 *   - transaction(work) hands `work` a connection of its own; a write made on it is kept only if
 *     `work` resolves (COMMIT) and dropped if it throws (ROLLBACK, the error passed on); a write
 *     made without it (or on another connection) is kept at once, as autocommit would;
 *   - upsertOrder keeps the fixed columns of a stored order and moves the lifecycle only for an
 *     event at least as new as the row's; insertItems keeps a line that is already stored;
 *     cancelOrder finds the order by its number and says whether it did;
 *   - an item of an order that is not stored is refused (the foreign key), undefined is refused
 *     (as mysql2 refuses it), a poisoned item is refused (a value the column would not take);
 *   - every call is recorded with the connection it ran on.
 * What the handlers should have handed over is checked by the suite, not here.
 */
import { ORDER_COLUMNS, ORDER_ITEM_FIELDS, ORDER_LIFECYCLE_COLUMNS, type OrderCancellation, type OrderItemRow, type OrderRow } from '../events/order.ts';

/** The connection a stand-in transaction hands out: an object of its own, compared by identity. */
export type TestConnection = { readonly description: string };

export type StoreCall = {
  method: 'transaction' | 'upsertOrder' | 'insertItems' | 'cancelOrder';
  /** a copy of the arguments, without the connection */
  args: unknown[];
  /** where it ran: 'transaction 1', 'no connection (autocommit)', 'a connection of no open transaction' */
  ranOn: string;
  /** the transaction it ran in, if any */
  transaction?: number;
};

type Tables = { orders: Map<string, OrderRow>; items: Map<string, OrderItemRow[]> };

const copyTables = (tables: Tables): Tables => ({
  orders: new Map([...tables.orders].map(([id, row]) => [id, { ...row }])),
  items: new Map([...tables.items].map(([id, rows]) => [id, rows.map((row) => ({ ...row }))])),
});

/** What a database outage looks like to a handler (mysql2's error for a server that is gone). */
export class DatabaseDownError extends Error {
  readonly code = 'ECONNREFUSED';
  constructor(method: string) {
    super(`connect ECONNREFUSED 127.0.0.1:3306 (the test made ${method} fail on purpose)`);
    this.name = 'DatabaseDown';
  }
}

/** What the server says about a value its column cannot take (strict mode, as on MySQL 8.4 and MariaDB). */
export class PoisonedItemError extends Error {
  readonly code = 'ER_DATA_TOO_LONG';
  readonly errno = 1406;
  constructor(itemId: string) {
    super(`Data too long for column 'snapshot_sku' at row 1 (item ${itemId}: the test poisoned it on purpose)`);
    this.name = 'PoisonedItem';
  }
}

export class OrderStore {
  /** what is committed: what a SELECT after the handler would see */
  private committed: Tables = { orders: new Map(), items: new Map() };
  private open: { id: number; connection: TestConnection; tables: Tables } | undefined;
  private transactionCount = 0;
  private readonly closed = new Map<TestConnection, number>();
  readonly calls: StoreCall[] = [];
  /** calls that ran on the connection of a transaction that had already ended (a missing await) */
  readonly lateCalls: StoreCall[] = [];
  /** set to a method name to make it fail, as a database outage would */
  failing?: 'transaction' | 'upsertOrder' | 'insertItems' | 'cancelOrder';
  /** items with this item_id are refused, as a value too long for its column would be */
  poisonedItemId?: string;
  private readonly pointer: string;

  constructor(pointer: string) {
    this.pointer = pointer;
  }

  /** The order as committed, or undefined. */
  order(orderId: string): OrderRow | undefined {
    const row = this.committed.orders.get(orderId);
    return row && { ...row };
  }

  /** The order's committed items, in insertion order. */
  items(orderId: string): OrderItemRow[] {
    return (this.committed.items.get(orderId) ?? []).map((row) => ({ ...row }));
  }

  /** Every committed order, by id. */
  orderIds(): string[] {
    return [...this.committed.orders.keys()];
  }

  /** Arranges committed rows directly, as a test's own SQL would. */
  arrange(order: OrderRow, items: readonly OrderItemRow[] = []): void {
    this.committed.orders.set(order.order_id, { ...order });
    this.committed.items.set(order.order_id, items.map((item) => ({ ...item })));
  }

  /** The DAL to hand the consumer: transaction, upsertOrder, insertItems, cancelOrder. */
  get dal() {
    return {
      transaction: <T>(work: (connection: TestConnection) => Promise<T>) => this.transaction(work),
      upsertOrder: async (order: OrderRow, db?: unknown) => this.write('upsertOrder', [order], db, (tables) => this.upsert(tables, order)),
      insertItems: async (orderId: string, items: readonly OrderItemRow[], db?: unknown) =>
        this.write('insertItems', [orderId, items], db, (tables) => this.insertItems(tables, orderId, items)),
      cancelOrder: async (cancellation: OrderCancellation, db?: unknown) => this.write('cancelOrder', [cancellation], db, (tables) => this.cancel(tables, cancellation)),
    };
  }

  private async transaction<T>(work: (connection: TestConnection) => Promise<T>): Promise<T> {
    const id = ++this.transactionCount;
    this.calls.push({ method: 'transaction', args: [], ranOn: `transaction ${id}`, transaction: id });
    if (this.failing === 'transaction') throw new DatabaseDownError('transaction');
    if (typeof work !== 'function') throw new TypeError(`this.dal.transaction(work) was called with ${describe(work)} instead of a function: transaction(async (connection) => { ... }).\n${this.pointer}`);
    if (this.open) throw new Error(`this.dal.transaction() was called inside another transaction (transaction ${this.open.id} is still open): one transaction per event is enough.\n${this.pointer}`);
    const connection: TestConnection = Object.freeze({ description: `the connection of transaction ${id}` });
    this.open = { id, connection, tables: copyTables(this.committed) };
    try {
      const result = await work(connection);
      this.committed = this.open.tables;
      return result;
    } finally {
      this.closed.set(connection, id);
      this.open = undefined;
    }
  }

  private async write<T>(method: StoreCall['method'], args: unknown[], db: unknown, apply: (tables: Tables) => T): Promise<T> {
    const inOpen = this.open !== undefined && db === this.open.connection;
    const call: StoreCall = {
      method,
      args: structuredClone(args),
      ranOn: inOpen ? `transaction ${this.open!.id}` : db === undefined ? 'no connection (autocommit)' : this.closed.has(db as TestConnection) ? `transaction ${this.closed.get(db as TestConnection)}, after it had ended` : 'a connection of no open transaction',
      ...(inOpen ? { transaction: this.open!.id } : {}),
    };
    this.calls.push(call);
    if (this.closed.has(db as TestConnection)) this.lateCalls.push(call);
    if (this.failing === method) throw new DatabaseDownError(method);
    if (inOpen) return apply(this.open!.tables);
    // a write outside the open transaction commits at once, as autocommit on another connection
    // would; the open transaction sees it too (InnoDB's foreign key checks read the latest rows)
    const result = apply(this.committed);
    if (this.open) {
      try {
        apply(this.open.tables);
      } catch {
        // what the other connection did is committed; the transaction's own view is best effort
      }
    }
    return result;
  }

  private upsert(tables: Tables, order: OrderRow): void {
    refuseUndefined('upsertOrder(order)', order, ORDER_COLUMNS, this.pointer);
    const stored = tables.orders.get(order.order_id);
    if (!stored) {
      const other = [...tables.orders.values()].find((row) => row.order_number === order.order_number);
      if (other) throw new Error(`Duplicate entry '${order.order_number}' for key 'uq_orders_order_number' (the stand-in keeps one order per number).\n${this.pointer}`);
      tables.orders.set(order.order_id, { ...order });
      return;
    }
    // the selective upsert of a correct DAL: the lifecycle only, and only from a newer (or the same) event
    if (order.event_timestamp < stored.event_timestamp) return;
    const moved = { ...stored } as Record<string, unknown>;
    for (const column of ORDER_LIFECYCLE_COLUMNS) moved[column] = order[column];
    tables.orders.set(order.order_id, moved as OrderRow);
  }

  private insertItems(tables: Tables, orderId: string, items: readonly OrderItemRow[]): void {
    if (!Array.isArray(items)) {
      throw new TypeError(`insertItems(orderId, items) was called with ${describe(items)} as items: it takes an array of OrderItemRow, one per element of data.items.\n${this.pointer}`);
    }
    items.forEach((item, index) => refuseUndefined(`insertItems (item ${index + 1})`, item, ORDER_ITEM_FIELDS, this.pointer));
    if (items.length === 0) return;
    if (!tables.orders.has(orderId)) {
      throw new Error(
        `Cannot add or update a child row: a foreign key constraint fails (order_items.order_id REFERENCES orders.order_id).\n` +
          `insertItems('${orderId}', ...) ran where orders had no row ${orderId}` +
          `${this.committed.orders.has(orderId) || !this.open ? '' : ' (not in this transaction)'}: store the order first, on the same connection.\n${this.pointer}`,
      );
    }
    const poisoned = items.find((item) => item.item_id === this.poisonedItemId);
    if (poisoned) throw new PoisonedItemError(poisoned.item_id);
    const stored = tables.items.get(orderId) ?? [];
    for (const item of items) {
      // ON DUPLICATE KEY UPDATE item_id = item_id: a line already stored stays as it is
      if (!stored.some((row) => row.item_id === item.item_id)) stored.push({ ...item });
    }
    tables.items.set(orderId, stored);
  }

  private cancel(tables: Tables, cancellation: OrderCancellation): boolean {
    if (cancellation === null || typeof cancellation !== 'object') {
      throw new TypeError(`cancelOrder(cancellation) was called with ${describe(cancellation)}: it takes one object { order_number, cancel_reason, cancelled_at, event_id, event_timestamp }.\n${this.pointer}`);
    }
    refuseUndefined('cancelOrder(cancellation)', cancellation, ['order_number', 'cancel_reason', 'cancelled_at', 'event_id', 'event_timestamp'], this.pointer);
    const found = [...tables.orders.values()].find((row) => row.order_number === cancellation.order_number);
    if (!found) return false;
    tables.orders.set(found.order_id, {
      ...found,
      status: 'cancelled',
      cancelled_at: cancellation.cancelled_at,
      cancel_reason: cancellation.cancel_reason,
      updated_at: cancellation.cancelled_at,
      event_id: cancellation.event_id,
      event_timestamp: cancellation.event_timestamp,
    });
    return true;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  return typeof value === 'object' ? `an ${value.constructor?.name ?? 'object'}` : JSON.stringify(value);
}

/** mysql2 refuses undefined ("Bind parameters must not contain undefined"); say which field. */
function refuseUndefined(call: string, row: object, fields: readonly string[], pointer: string): void {
  if (row === null || typeof row !== 'object') throw new TypeError(`${call} received ${describe(row)} instead of an object.\n${pointer}`);
  const missing = fields.filter((field) => (row as Record<string, unknown>)[field] === undefined);
  if (missing.length > 0) {
    throw new TypeError(
      `${call} received ${missing.map((field) => `${field}: undefined`).join(', ')}. mysql2 refuses undefined ("Bind parameters must not contain undefined"): ` +
        `a value missing from the document must be null (?? null).\n${pointer}`,
    );
  }
}

/** The calls, one line each, with the connection each ran on, for a failure message. */
export function describeCalls(calls: readonly StoreCall[]): string {
  if (calls.length === 0) return '  (no call)';
  return calls.map((call, index) => `  ${index + 1}. ${call.method}(${call.method === 'transaction' ? 'work' : call.args.map(brief).join(', ')})  on ${call.ranOn}`).join('\n');
}

function brief(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length} item${value.length === 1 ? '' : 's'}]`;
  if (value !== null && typeof value === 'object') return '{…}';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 30 ? `${text.slice(0, 29)}…` : text;
}
