import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'hashtags_json is hashtags.join(","): not JSON, and a hashtag that contains a comma splits in two.',
  caughtBy: '5.3',
  file: 'post-consumer.ts',
  edits: [{ find: 'hashtags_json: JSON.stringify(event.data.hashtags ?? []),', replace: "hashtags_json: (event.data.hashtags ?? []).join(',')," }],
} satisfies Mistake;
