import type { Mistake } from '../../../mistake.ts';

export default {
  summary:
    'created_at DEFAULT CURRENT_TIMESTAMP(6), "just in case": a writer that forgets created_at stores the time the row landed as the sign-up time, ' +
    'and nothing fails. created_at comes from the document; without a DEFAULT the forgotten value is refused at once.',
  caughtBy: '5.1',
  file: 'tables.ts',
  edits: [{ find: '     created_at      DATETIME(6)  NOT NULL,', replace: '     created_at      DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),' }],
} satisfies Mistake;
