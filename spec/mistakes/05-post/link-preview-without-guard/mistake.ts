import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'link_preview.url is read without ?.: every post without a link preview crashes the handler.',
  caughtBy: '5.3',
  file: 'post-consumer.ts',
  edits: [{ find: 'link_url: link?.url ?? null,', replace: 'link_url: link!.url ?? null,' }],
} satisfies Mistake;
