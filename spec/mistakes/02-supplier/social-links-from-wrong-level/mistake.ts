import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'facebook_url is read from business_info instead of business_info.social_links: it is always NULL.',
  caughtBy: '5.3',
  file: 'supplier-consumer.ts',
  edits: [{ find: '      facebook_url: social?.facebook_url ?? null,', replace: '      facebook_url: (business as { facebook_url?: string } | null | undefined)?.facebook_url ?? null,' }],
} satisfies Mistake;
