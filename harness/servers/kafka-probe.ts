/**
 * Does a Kafka broker answer at the address it advertises? A client bootstraps at one address,
 * then talks to the addresses the cluster's metadata advertises. A reused Kafka container that was
 * restarted maps a new port but keeps advertising the one written at its first start
 * (testcontainers-node#724), and a compose file with the wrong KAFKA_ADVERTISED_LISTENERS does the
 * same: the bootstrap answers, every later request fails.
 *
 * One metadata request over a plain socket (the servers wing stays independent of the service's
 * Kafka client): ApiVersions picks a Metadata version both sides speak (Kafka 4 dropped v0-v3;
 * librdkafka's mock cluster speaks the old ones), then Metadata lists the advertised brokers.
 */
import { createConnection, type Socket } from 'node:net';

export type BrokerProbe =
  | { ok: true; advertised: string[] }
  | { ok: false; reason: string; advertised?: string[] };

const API_METADATA = 3;
const API_VERSIONS = 18;

/** Asks `address` for the cluster's brokers, then checks the first advertised one answers too. */
export async function probeBroker(address: string, timeoutMs = 3_000): Promise<BrokerProbe> {
  let advertised: string[];
  try {
    advertised = await advertisedBrokers(address, timeoutMs);
  } catch (error) {
    return { ok: false, reason: `${address} does not answer as a Kafka broker (${messageOf(error)})` };
  }
  if (advertised.length === 0) return { ok: false, reason: `${address} answers but advertises no broker`, advertised };
  if (advertised.includes(address)) return { ok: true, advertised };
  try {
    await advertisedBrokers(advertised[0]!, timeoutMs);
    return { ok: true, advertised };
  } catch (error) {
    return {
      ok: false,
      reason: `${address} answers but advertises ${advertised.join(',')}, which does not answer (${messageOf(error)})`,
      advertised,
    };
  }
}

/** The host:port of every broker in the metadata that `address` returns. */
export async function advertisedBrokers(address: string, timeoutMs: number): Promise<string[]> {
  const connection = await KafkaConnection.open(address, timeoutMs);
  try {
    const versions = await connection.request(API_VERSIONS, 0, Buffer.alloc(0));
    const metadataVersion = pickMetadataVersion(versions);
    const body = [int32(0)]; // an empty topic list: brokers only
    if (metadataVersion >= 4) body.push(Buffer.from([0])); // allow_auto_topic_creation = false
    if (metadataVersion >= 8) body.push(Buffer.from([0, 0])); // no authorized operations
    const metadata = await connection.request(API_METADATA, metadataVersion, Buffer.concat(body));
    return parseBrokers(metadata, metadataVersion);
  } finally {
    connection.close();
  }
}

/** The highest Metadata version from 1 to 8 (the non-flexible ones) that the broker supports. */
export function pickMetadataVersion(apiVersionsResponse: Buffer): number {
  const reader = new Reader(apiVersionsResponse);
  const errorCode = reader.int16();
  if (errorCode !== 0) throw new Error(`ApiVersions error code ${errorCode}`);
  const count = reader.int32();
  for (let i = 0; i < count; i++) {
    const [key, min, max] = [reader.int16(), reader.int16(), reader.int16()];
    if (key !== API_METADATA) continue;
    const version = Math.min(max, 8);
    if (version < Math.max(min, 1)) throw new Error(`the broker speaks Metadata v${min}-v${max} only`);
    return version;
  }
  throw new Error('the broker lists no Metadata API');
}

export function parseBrokers(metadataResponse: Buffer, version: number): string[] {
  const reader = new Reader(metadataResponse);
  if (version >= 3) reader.int32(); // throttle_time_ms
  const count = reader.int32();
  const brokers: string[] = [];
  for (let i = 0; i < count; i++) {
    reader.int32(); // node_id
    const host = reader.string();
    const port = reader.int32();
    reader.string(); // rack (nullable)
    brokers.push(`${host}:${port}`);
  }
  return brokers;
}

class KafkaConnection {
  private buffered = Buffer.alloc(0);
  private waiting: { resolve(body: Buffer): void; reject(error: Error): void } | undefined;
  private failure: Error | undefined;
  private correlationId = 0;
  private readonly socket: Socket;

  private constructor(socket: Socket, timeoutMs: number) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.deliver();
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      this.waiting?.reject(error);
      this.waiting = undefined;
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
    socket.setTimeout(timeoutMs, () => {
      fail(new Error(`no answer within ${timeoutMs} ms`));
      socket.destroy();
    });
  }

  static open(address: string, timeoutMs: number): Promise<KafkaConnection> {
    const separator = address.lastIndexOf(':');
    const host = address.slice(0, separator).replace(/^\[(.*)\]$/, '$1');
    const port = Number(address.slice(separator + 1));
    return new Promise((resolve, reject) => {
      const socket = createConnection({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no connection within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(new KafkaConnection(socket, timeoutMs));
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  /** Sends one request (header v1) and resolves with the response body (after header v0). */
  request(apiKey: number, apiVersion: number, body: Buffer): Promise<Buffer> {
    if (this.failure) return Promise.reject(this.failure);
    const clientId = Buffer.from('kata-probe');
    const header = Buffer.concat([int16(apiKey), int16(apiVersion), int32(++this.correlationId), int16(clientId.length), clientId]);
    const payload = Buffer.concat([header, body]);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(Buffer.concat([int32(payload.length), payload]));
    });
  }

  private deliver(): void {
    if (!this.waiting || this.buffered.length < 4) return;
    const size = this.buffered.readInt32BE(0);
    if (this.buffered.length < 4 + size) return;
    const response = this.buffered.subarray(4, 4 + size);
    this.buffered = this.buffered.subarray(4 + size);
    const waiting = this.waiting;
    this.waiting = undefined;
    if (response.readInt32BE(0) !== this.correlationId) waiting.reject(new Error('unexpected correlation id'));
    else waiting.resolve(response.subarray(4));
  }

  close(): void {
    this.socket.destroy();
  }
}

class Reader {
  private offset = 0;
  private readonly buffer: Buffer;
  constructor(buffer: Buffer) {
    this.buffer = buffer;
  }
  int16(): number {
    const value = this.buffer.readInt16BE(this.offset);
    this.offset += 2;
    return value;
  }
  int32(): number {
    const value = this.buffer.readInt32BE(this.offset);
    this.offset += 4;
    return value;
  }
  string(): string | null {
    const length = this.int16();
    if (length < 0) return null;
    const value = this.buffer.toString('utf8', this.offset, this.offset + length);
    this.offset += length;
    return value;
  }
}

export function int16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeInt16BE(value);
  return buffer;
}

export function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
