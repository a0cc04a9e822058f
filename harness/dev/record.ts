/**
 * .kata/dev: where the playground's processes find each other.
 *
 *   .kata/dev/endpoints.json   the record: the server keeper's pid, state, addresses (written only by the keeper)
 *   .kata/dev/instances/<pid>  one file per running `npm run service`
 *   .kata/dev/servers.log      the server keeper's log (its servers' crashes and restarts too)
 *   .kata/dev/mysql            the local MariaDB's data
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateDir } from '../learn/state.ts';

export type PlaygroundRecord = {
  /** the server keeper's pid (harness/dev/server-keeper.ts): the servers live as long as it does */
  owner: number;
  state: 'starting' | 'ready';
  startedAt?: string;
  /** the database URL (with the `analytics` database) */
  mysqlUrl?: string;
  brokers?: string[];
  summary?: string;
};

export function devFolder(): string {
  return join(stateDir(), 'dev');
}
export function recordFile(): string {
  return join(devFolder(), 'endpoints.json');
}
export function instancesFolder(): string {
  return join(devFolder(), 'instances');
}
export function keeperLogFile(): string {
  return join(devFolder(), 'servers.log');
}

export function readRecord(): PlaygroundRecord | undefined {
  try {
    return JSON.parse(readFileSync(recordFile(), 'utf8')) as PlaygroundRecord;
  } catch {
    return undefined; // absent, or being written: the reader tries again or reports not running
  }
}

export function writeRecord(record: PlaygroundRecord): void {
  // write-then-rename: a reader never sees half a record
  const temporary = `${recordFile()}.${process.pid}`;
  writeFileSync(temporary, JSON.stringify(record, null, 2) + '\n');
  renameSync(temporary, recordFile());
}
