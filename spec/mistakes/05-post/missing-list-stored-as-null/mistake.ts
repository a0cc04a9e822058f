import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'A post without media gets media_json NULL instead of []: "unknown" where the post is known to have none, and NOT NULL refuses it.',
  caughtBy: '5.3',
  file: 'post-consumer.ts',
  edits: [{ find: 'media_json: JSON.stringify(event.data.media ?? []),', replace: 'media_json: event.data.media ? JSON.stringify(event.data.media) : (null as unknown as string),' }],
} satisfies Mistake;
