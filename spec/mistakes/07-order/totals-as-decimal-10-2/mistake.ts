import type { Mistake } from '../../../mistake.ts';

// Found by a student's run: the price's type copied to the sums. The largest total the course's
// orders carry no longer fits, and the test that wrote it stopped on the server's bare
// "Out of range value for column 'total'".
export default {
  summary: 'The totals are DECIMAL(10,2), the type of a unit price: a sum over many lines needs room, and 9,999,999,999.99 is out of range.',
  caughtBy: '5.1',
  // 5.2's and 5.3's round trips run on the student's tables: their generated orders no longer fit
  mayAlsoFail: ['5.2', '5.3'],
  file: 'tables.ts',
  edits: [
    { find: '     subtotal          DECIMAL(12,2) NOT NULL,', replace: '     subtotal          DECIMAL(10,2) NOT NULL,' },
    { find: '     tax               DECIMAL(12,2) NOT NULL,', replace: '     tax               DECIMAL(10,2) NOT NULL,' },
    { find: '     shipping_cost     DECIMAL(12,2) NOT NULL,', replace: '     shipping_cost     DECIMAL(10,2) NOT NULL,' },
    { find: '     discount          DECIMAL(12,2) NOT NULL,', replace: '     discount          DECIMAL(10,2) NOT NULL,' },
    { find: '     total             DECIMAL(12,2) NOT NULL,', replace: '     total             DECIMAL(10,2) NOT NULL,' },
  ],
} satisfies Mistake;
