import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'CREATE TABLE without IF NOT EXISTS: the service fails at its second start, when the table already exists.',
  caughtBy: '5.1',
  file: 'tables.ts',
  edits: [{ find: 'CREATE TABLE IF NOT EXISTS users', replace: 'CREATE TABLE users' }],
} satisfies Mistake;
