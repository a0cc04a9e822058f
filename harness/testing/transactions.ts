/**
 * The stand-in behind consumerUnderTest's recording DAL for a handler that writes several rows in
 * ONE transaction (kata 07: an order and its items). Its transaction(work) hands `work` a
 * connection of its own, commits when `work` resolves and rolls back (passing the error on) when
 * it throws, as harness/db/pool.ts's withTransaction does. For every call of the DAL's writing
 * methods it notes where the call ran: on the connection of the open transaction, without a
 * connection (autocommit: it stays even if the transaction rolls back), or on the connection of a
 * transaction that has ended (an await missing inside `work`). It can answer a method (cancelOrder
 * returns whether it found the order) and make one fail.
 */

/** The connection a stand-in transaction hands out; a test expects it among the arguments of the calls inside. */
export type TestConnection = { readonly connection: string };

/** The connection of the n-th transaction of a stand-in, as the calls inside it should carry it. */
export const connectionOf = (transaction: number): TestConnection => ({ connection: `of transaction ${transaction}` });

export type Transaction = { id: number; outcome: 'open' | 'committed' | 'rolled back' };

export type WriteCall = {
  method: string;
  /** the transaction whose open connection it ran on, if any */
  transaction?: number;
  ranOn: 'the transaction\'s connection' | 'no connection of a transaction (autocommit)' | 'the connection of a transaction that had ended';
};

export type TransactionStandInOptions = {
  /** the DAL's writing methods, whose calls are noted */
  methods: readonly string[];
  /** what a method returns (cancelOrder: true when it found the order) */
  results?: Readonly<Record<string, unknown>>;
  /** a method that fails, and how (a value the column refuses, an outage) */
  failing?: { method: string; error: () => Error };
};

export type TransactionStandIn = {
  /** hand this to consumerUnderTest's standIn option */
  readonly dal: object;
  readonly transactions: readonly Transaction[];
  readonly writes: readonly WriteCall[];
};

export function transactionStandIn(options: TransactionStandInOptions): TransactionStandIn {
  const transactions: Transaction[] = [];
  const writes: WriteCall[] = [];
  const tokens = new Map<TestConnection, Transaction>();

  const dal: Record<string, unknown> = {
    async transaction<T>(work: (connection: TestConnection) => Promise<T>): Promise<T> {
      if (typeof work !== 'function') throw new TypeError(`this.dal.transaction(work) takes a function, async (connection) => { ... }; it was given ${work === null ? 'null' : typeof work}.`);
      const record: Transaction = { id: transactions.length + 1, outcome: 'open' };
      transactions.push(record);
      const connection = Object.freeze(connectionOf(record.id));
      tokens.set(connection, record);
      try {
        const result = await work(connection);
        record.outcome = 'committed';
        return result;
      } catch (error) {
        record.outcome = 'rolled back';
        throw error;
      }
    },
  };
  for (const method of options.methods) {
    dal[method] = async (...args: unknown[]) => {
      const token = args.find((arg): arg is TestConnection => tokens.has(arg as TestConnection));
      const record = token && tokens.get(token);
      writes.push({
        method,
        ...(record?.outcome === 'open' ? { transaction: record.id } : {}),
        ranOn: record ? (record.outcome === 'open' ? 'the transaction\'s connection' : 'the connection of a transaction that had ended') : 'no connection of a transaction (autocommit)',
      });
      if (options.failing?.method === method) throw options.failing.error();
      return options.results?.[method];
    };
  }
  return { dal, transactions, writes };
}

/** The writes, one line each, with where each ran, for a failure message. */
export function describeWrites(writes: readonly WriteCall[]): string {
  if (writes.length === 0) return '  (no call)';
  return writes.map((write, index) => `  ${index + 1}. this.dal.${write.method}(...) on ${write.ranOn}${write.transaction ? ` (transaction ${write.transaction})` : ''}`).join('\n');
}

/** What the server says about a value its column cannot take (strict mode, as on MySQL 8.4 and MariaDB). */
export class RefusedValueError extends Error {
  readonly code = 'ER_DATA_TOO_LONG';
  readonly errno = 1406;
  constructor(column: string) {
    super(`Data too long for column '${column}' at row 2 (a value the test made the database refuse)`);
    this.name = 'RefusedValue';
  }
}
