import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'media_json is String(media): "[object Object],[object Object]", which no JSON column accepts.',
  caughtBy: '5.3',
  file: 'post-consumer.ts',
  edits: [{ find: 'media_json: JSON.stringify(event.data.media ?? []),', replace: 'media_json: String(event.data.media ?? []),' }],
} satisfies Mistake;
