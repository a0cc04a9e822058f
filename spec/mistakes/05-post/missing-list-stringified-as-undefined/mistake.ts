import type { Mistake } from '../../../mistake.ts';

export default {
  summary: "media_json is JSON.stringify(event.data.media): a post without media hands over undefined (JSON.stringify(undefined)), which the driver refuses; the lesson's missing list is '[]'.",
  caughtBy: '5.3',
  file: 'post-consumer.ts',
  edits: [{ find: '      media_json: JSON.stringify(event.data.media ?? []),', replace: '      media_json: JSON.stringify(event.data.media),' }],
} satisfies Mistake;
