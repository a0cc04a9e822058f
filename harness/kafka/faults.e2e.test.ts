/**
 * The service under faults, during a burst of mixed events (users, products with variants written
 * in one transaction: the writes that deadlock each other in parallel partitions):
 *   - the database killed (kill -9) mid-burst: restarted on its data, it lost no commit
 *     (the playground's durable settings), and no good event is dead-lettered;
 *   - the database frozen (SIGSTOP) mid-burst: the log says what the service waits on, again while
 *     it waits, the consumer keeps its group membership, and everything is stored once it resumes.
 * At the end every row is in its last state. (kill -9 of the service instance that started the
 * playground's servers: harness/dev/playground.test.ts.)
 *
 * The file starts a MariaDB/MySQL of its own, as the playground's server keeper does (durable
 * settings, restarted after a crash on the same port and data); the run's shared server is never
 * touched. KATA_FAULT_FREEZE_SECONDS sets the freeze (default 12: longer than the group's 6 s
 * session timeout); KATA_FAULT_BURST the burst size (default 3,000).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { createPool } from '../db/pool.ts';
import { DURABLE_MYSQL_OPTIONS } from '../dev/server-keeper.ts';
import { wrapEvent, type EventEnvelope, type HandlerMap } from '../events/contract.ts';
import { newObjectId } from '../events/envelope.ts';
import { freePort } from '../servers/local-support.ts';
import { localMysqlAvailable, startLocalMysql, type StartedServer } from '../servers/local-mysql.ts';
import { withAdminConnection } from '../testing/database-admin.ts';
import { kataEnvironment } from '../testing/provided.ts';
import { connectBroker, type BrokerProducer } from './broker.ts';
import { databaseProbe } from './database-probe.ts';
import { EventConsumer, type ProcessedEvent } from './event-consumer.ts';

const FREEZE_SECONDS = Number(process.env.KATA_FAULT_FREEZE_SECONDS ?? 12);
const BURST = Number(process.env.KATA_FAULT_BURST ?? 3_000);

type UserData = { user_id: string; version: number };
type ProductData = { product_id: string; price: string; variants: Record<string, { sku: string; price: string; stock: number }> };

/** A burst: users created then updated, products created then updated with a new set of variants, interleaved. */
function burst(size: number): { events: EventEnvelope[]; lastUser: Map<string, number>; lastProduct: Map<string, ProductData> } {
  const events: EventEnvelope[] = [];
  const lastUser = new Map<string, number>();
  const lastProduct = new Map<string, ProductData>();
  const users = Array.from({ length: Math.ceil(size / 6) }, () => newObjectId());
  const products = Array.from({ length: Math.ceil(size / 6) }, () => newObjectId());
  for (let round = 0; events.length < size; round++) {
    for (let index = 0; index < users.length && events.length < size; index++) {
      const user_id = users[index]!;
      events.push(wrapEvent<UserData>(round === 0 ? 'user.created' : 'user.updated', user_id, { user_id, version: round + 1 }));
      lastUser.set(user_id, round + 1);
      const product_id = products[index]!;
      const variants: ProductData['variants'] = {};
      for (let v = 0; v < 2 + ((index + round) % 4); v++) variants[`v${round}-${v}`] = { sku: `SKU-${index}-${v}`, price: `${round}.${String(v).padStart(2, '0')}`, stock: v + round };
      const product: ProductData = { product_id, price: `${10 + round}.99`, variants };
      events.push(wrapEvent<ProductData>(round === 0 ? 'product.created' : 'product.updated', product_id, product));
      lastProduct.set(product_id, product);
    }
  }
  return { events, lastUser, lastProduct };
}

describe.skipIf(!localMysqlAvailable())('the service under faults, during a burst of mixed events', () => {
  let dataDir: string;
  let server: StartedServer;
  let url: string;
  let producer: BrokerProducer;
  const brokers = kataEnvironment().kafkaBrokers!;
  const prefix = `kt-fault-${randomBytes(3).toString('hex')}-`;
  const pools: Pool[] = [];
  const consumers: EventConsumer[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kata-faults-'));
    // KATA_FAULT_UNDURABLE=1: the server as the playground ran it before (a control run, expected to fail)
    const options = process.env.KATA_FAULT_UNDURABLE === '1' ? ['--innodb-flush-log-at-trx-commit=0'] : DURABLE_MYSQL_OPTIONS;
    server = await startLocalMysql({ persistentDataDir: dataDir, port: await freePort(), serverOptions: options });
    url = server.url;
    producer = await connectBroker({ brokers, clientId: `${prefix}producer` }).producer();
  }, 60_000);

  afterAll(async () => {
    // a frozen server must not outlive a failed test
    const pid = await serverPid().catch(() => undefined);
    if (pid) process.kill(pid, 'SIGCONT');
    for (const consumer of consumers) await consumer.stop();
    for (const pool of pools) await pool.end();
    await producer?.stop();
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  /** The running server's pid: after a crash the restarted server has a new one. */
  const serverPid = async () => Number((await readFile(join(dataDir, 'mysqld.pid'), 'utf8')).trim());

  /** A fresh database, a consumer of the test's handlers on fresh topics, and the burst published. */
  async function run(name: string) {
    const database = `${name}_${randomBytes(3).toString('hex')}`;
    await withAdminConnection(url, async (connection) => {
      await connection.query(`CREATE DATABASE ${database} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      await connection.query(`CREATE TABLE ${database}.users (user_id CHAR(24) PRIMARY KEY, version INT NOT NULL)`);
      await connection.query(`CREATE TABLE ${database}.products (product_id CHAR(24) PRIMARY KEY, price DECIMAL(10,2) NOT NULL)`);
      await connection.query(
        `CREATE TABLE ${database}.product_variants (id BIGINT AUTO_INCREMENT PRIMARY KEY, product_id CHAR(24) NOT NULL, variant_key VARCHAR(100) NOT NULL, ` +
          'sku VARCHAR(64) NOT NULL, price DECIMAL(10,2) NOT NULL, stock INT NOT NULL, UNIQUE KEY (product_id, variant_key), ' +
          `FOREIGN KEY (product_id) REFERENCES ${database}.products (product_id) ON DELETE CASCADE)`,
      );
    });
    const pool = createPool(`${url}${database}`);
    pools.push(pool);
    const storeUser = async (event: EventEnvelope<UserData>) => {
      await pool.execute('INSERT INTO users (user_id, version) VALUES (?, ?) ON DUPLICATE KEY UPDATE version = VALUES(version)', [event.data.user_id, event.data.version]);
    };
    const storeProduct = async (event: EventEnvelope<ProductData>) => {
      const connection = await pool.getConnection();
      try {
        await connection.beginTransaction();
        await connection.execute('INSERT INTO products (product_id, price) VALUES (?, ?) ON DUPLICATE KEY UPDATE price = VALUES(price)', [event.data.product_id, event.data.price]);
        await connection.execute('DELETE FROM product_variants WHERE product_id = ?', [event.data.product_id]);
        for (const [key, variant] of Object.entries(event.data.variants)) {
          await connection.execute('INSERT INTO product_variants (product_id, variant_key, sku, price, stock) VALUES (?, ?, ?, ?, ?)', [event.data.product_id, key, variant.sku, variant.price, variant.stock]);
        }
        await connection.commit();
      } catch (error) {
        await connection.rollback().catch(() => undefined);
        throw error;
      } finally {
        connection.release();
      }
    };
    const handlers: HandlerMap = { 'user.created': storeUser, 'user.updated': storeUser, 'product.created': storeProduct, 'product.updated': storeProduct };
    const log: string[] = [];
    const processed: ProcessedEvent[] = [];
    const topics = { user: `${prefix}${name}-users`, product: `${prefix}${name}-products` };
    const consumer = new EventConsumer({
      brokers,
      groupId: `${prefix}${name}`,
      topics: Object.values(topics),
      handlers,
      deadLetterTopic: `${prefix}${name}-dead-letter`,
      retry: { attempts: 3, backoffMs: 20 },
      outageBackoff: { initialMs: 50, maxMs: 1_000 },
      probeDatabase: databaseProbe(url),
      log: (line) => log.push(line),
    });
    consumers.push(consumer);
    consumer.onProcessed((event) => processed.push(event));
    await consumer.start();
    const { events, lastUser, lastProduct } = burst(BURST);
    const started = Date.now();
    for (let from = 0; from < events.length; from += 500) {
      const slice = events.slice(from, from + 500);
      await Promise.all(
        (['user', 'product'] as const).map((domain) =>
          producer.send(topics[domain], slice.filter((event) => event.event_type.startsWith(domain)).map((event) => ({ key: event.entity_id, value: JSON.stringify(event) }))),
        ),
      );
    }
    const ids = new Set(events.map((event) => event.event_id));
    const handled = () => new Set(processed.map((event) => event.eventId)).size;

    /** Waits for every event; then the tables must hold each entity's last state, and no good event was dead-lettered. */
    async function check() {
      await expect.poll(handled, { timeout: 180_000, interval: 200 }).toBe(ids.size);
      const figures = { events: ids.size, seconds: (Date.now() - started) / 1000, deadLettered: processed.filter((event) => event.outcome === 'dead-lettered').length, redelivered: processed.length - ids.size };
      const [users] = await pool.query<RowDataPacket[]>('SELECT user_id, version FROM users');
      const wrongUsers = [...lastUser].filter(([id, version]) => users.find((row) => row.user_id === id)?.version !== version);
      const [products] = await pool.query<RowDataPacket[]>('SELECT product_id, price FROM products');
      const [variants] = await pool.query<RowDataPacket[]>('SELECT product_id, variant_key, sku, price, stock FROM product_variants ORDER BY product_id, variant_key');
      const found = new Map<string, string>();
      for (const product of products) found.set(product.product_id as string, `${product.price}|`);
      for (const variant of variants) found.set(variant.product_id as string, `${found.get(variant.product_id as string) ?? '?|'}${variant.variant_key}:${variant.sku}:${variant.price}:${variant.stock};`);
      const expected = (product: ProductData) =>
        `${product.price}|${Object.entries(product.variants)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([key, v]) => `${key}:${v.sku}:${Number(v.price).toFixed(2)}:${v.stock};`)
          .join('')}`;
      const wrongProducts = [...lastProduct].filter(([id, product]) => found.get(id) !== expected(product));
      const outcome = { ...figures, wrongUsers: wrongUsers.length + (users.length - lastUser.size), wrongProducts: wrongProducts.length + (products.length - lastProduct.size), deadlocks: log.filter((line) => line.startsWith('deadlock') || line.includes('deadlock (')).length };
      // the figures, and the log's fault lines, for the record (README: the service's log)
      const faultLines = log.filter((line) => /waiting|answers again|lost the consumer group|deadlock/.test(line));
      console.log(`${name}: ${JSON.stringify(outcome)}\n${[...faultLines.slice(0, 4), ...faultLines.slice(-2)].join('\n')}`);
      expect(processed.filter((event) => event.outcome !== 'stored').map((event) => [event.eventType, event.reason, event.error])).toEqual([]);
      expect({ wrongUsers: outcome.wrongUsers, wrongProducts: outcome.wrongProducts }).toEqual({ wrongUsers: 0, wrongProducts: 0 });
      return outcome;
    }
    return { log, processed, handled, check };
  }

  it('kill -9 of the database mid-burst: restarted on its data, it lost no commit; nothing is lost, wrong or dead-lettered', async () => {
    const { handled, check, log } = await run('kill');
    await expect.poll(handled, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(BURST / 4);
    const pid = await serverPid();
    process.kill(pid, 'SIGKILL');
    await check();
    expect(log.some((line) => line.includes('waiting for the database'))).toBe(true);
    expect(log.some((line) => line.includes('the database answers again'))).toBe(true);
  }, 240_000);

  it(`a database frozen for ${FREEZE_SECONDS} s mid-burst: the log says what the service waits on while it waits, the group keeps the member, nothing is lost`, async () => {
    const { handled, check, log } = await run('freeze');
    await expect.poll(handled, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(BURST / 4);
    const pid = await serverPid();
    process.kill(pid, 'SIGSTOP');
    try {
      await expect.poll(() => log.filter((line) => line.includes('for the database: ')), { timeout: 20_000, interval: 100 }).toContainEqual(
        expect.stringMatching(/^.*waiting \d+\.\d s for the database: .*\[\d+\]@\d+ \S+ entity=\S+ has not finished, a statement \(or a connection\) it asked for has not answered.*; the database does not answer a new connection within 2 s either/),
      );
      await new Promise((resolve) => setTimeout(resolve, FREEZE_SECONDS * 1_000));
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await check();
    const waits = log.filter((line) => /waiting \d+(\.\d)? s for the database/.test(line));
    // repeated while the wait lasts: at 5 s, then every 10 s
    expect(waits.length).toBeGreaterThanOrEqual(1 + Math.floor((FREEZE_SECONDS - 5) / 10));
    expect(log.some((line) => line.includes('the database answers again'))).toBe(true);
    expect(log.filter((line) => line.includes('lost the consumer group'))).toEqual([]);
    expect(log.filter((line) => line.includes('joined group'))).toHaveLength(1);
  }, 300_000);
});
