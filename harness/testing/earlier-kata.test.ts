import { describe, expect, it } from 'vitest';
import { notImplemented } from '../not-started.ts';
import { explainEarlierKata } from './earlier-kata.ts';

describe('explainEarlierKata', () => {
  it('puts one line first when a later kata runs into an earlier kata\'s stub', () => {
    const error = explainEarlierKata(notImplemented('01-user', '5.3', 'parseTimestamp'), '04-product') as Error;
    expect(error.name).toBe('NotStarted');
    expect(error.message.split('\n')[0]).toBe(
      'Finish kata 01-user, exercise 5.3 first: this kata calls parseTimestamp() from katas/01-user/user-consumer.ts, which is not written yet (npm test -- katas/01-user/).',
    );
    expect(error.stack?.split('\n')[0]).toBe(`NotStarted: ${error.message.split('\n')[0]}`);
    expect(explainEarlierKata(error, '04-product')).toBe(error);
    expect((error as Error).message.match(/Finish kata/g)).toHaveLength(1);
  });

  it('leaves the kata\'s own stubs and other errors alone', () => {
    const own = notImplemented('04-product', '5.4', 'ProductConsumer');
    expect((explainEarlierKata(own, '04-product') as Error).message).toBe(own.message);
    const other = new Error('boom');
    expect(explainEarlierKata(other, '04-product')).toBe(other);
  });
});
