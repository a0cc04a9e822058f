import type { Mistake } from '../../../mistake.ts';

// Found by a student's run: the test said "A list the document leaves out, or sends as null, is an
// empty list", though the list was there: it was encoded twice.
export default {
  summary: 'The handler calls JSON.stringify twice on each list: the column gets the JSON text of a string ("\\"[]\\""), not of the list.',
  caughtBy: '5.3',
  file: 'post-consumer.ts',
  edits: [
    { find: 'media_json: JSON.stringify(event.data.media ?? []),', replace: 'media_json: JSON.stringify(JSON.stringify(event.data.media ?? [])),' },
    { find: 'hashtags_json: JSON.stringify(event.data.hashtags ?? []),', replace: 'hashtags_json: JSON.stringify(JSON.stringify(event.data.hashtags ?? [])),' },
    { find: 'mentions_json: JSON.stringify(event.data.mentions ?? []),', replace: 'mentions_json: JSON.stringify(JSON.stringify(event.data.mentions ?? [])),' },
  ],
} satisfies Mistake;
