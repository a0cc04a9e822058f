import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'id has no AUTO_INCREMENT: an INSERT without an id is refused ("Field \'id\' doesn\'t have a default value").',
  caughtBy: '5.1',
  mayAlsoFail: ['5.2', '5.3'],
  file: 'tables.ts',
  edits: [{ find: '     id              BIGINT        NOT NULL AUTO_INCREMENT,', replace: '     id              BIGINT        NOT NULL,' }],
} satisfies Mistake;
