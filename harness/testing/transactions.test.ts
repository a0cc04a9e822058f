/** The transaction stand-in commits or rolls back, and says where each write ran. */
import { describe, expect, it } from 'vitest';
import { connectionOf, describeWrites, RefusedValueError, transactionStandIn, type TestConnection } from './transactions.ts';

type Dal = {
  transaction<T>(work: (connection: TestConnection) => Promise<T>): Promise<T>;
  write(value: string, connection?: TestConnection): Promise<unknown>;
  read(value: string, connection?: TestConnection): Promise<unknown>;
};

describe('transactionStandIn', () => {
  it('hands out a connection per transaction, commits when the work resolves, and notes the writes on it', async () => {
    const standIn = transactionStandIn({ methods: ['write', 'read'], results: { read: true } });
    const dal = standIn.dal as Dal;
    const answer = await dal.transaction(async (connection) => {
      expect(connection).toEqual(connectionOf(1));
      await dal.write('a', connection);
      return dal.read('b', connection);
    });
    expect(answer).toBe(true);
    expect(standIn.transactions).toEqual([{ id: 1, outcome: 'committed' }]);
    expect(standIn.writes).toEqual([
      { method: 'write', transaction: 1, ranOn: 'the transaction\'s connection' },
      { method: 'read', transaction: 1, ranOn: 'the transaction\'s connection' },
    ]);
  });

  it('rolls back and passes the error on when the work throws; a write without the connection is autocommit; a failing method fails', async () => {
    const standIn = transactionStandIn({ methods: ['write'], failing: { method: 'write', error: () => new RefusedValueError('sku') } });
    const dal = standIn.dal as Dal;
    await expect(dal.transaction(async () => dal.write('a'))).rejects.toThrow(/Data too long for column 'sku'/);
    expect(standIn.transactions).toEqual([{ id: 1, outcome: 'rolled back' }]);
    expect(describeWrites(standIn.writes)).toBe('  1. this.dal.write(...) on no connection of a transaction (autocommit)');
  });

  it('notes a write on the connection of a transaction that has ended (a missing await)', async () => {
    const standIn = transactionStandIn({ methods: ['write'] });
    const dal = standIn.dal as Dal;
    let kept: TestConnection | undefined;
    await dal.transaction(async (connection) => {
      kept = connection;
    });
    await dal.write('late', kept);
    expect(standIn.writes).toEqual([{ method: 'write', ranOn: 'the connection of a transaction that had ended' }]);
  });
});
