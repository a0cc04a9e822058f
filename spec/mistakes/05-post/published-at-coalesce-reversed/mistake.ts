import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'COALESCE(VALUES(published_at), published_at): the arguments the wrong way round keep the date only when an update brings null.',
  caughtBy: '5.2',
  file: 'post-dal.ts',
  edits: [{ find: 'published_at     = COALESCE(published_at, VALUES(published_at)),', replace: 'published_at     = COALESCE(VALUES(published_at), published_at),' }],
} satisfies Mistake;
