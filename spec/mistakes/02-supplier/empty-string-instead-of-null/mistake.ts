import type { Mistake } from '../../../mistake.ts';

export default {
  summary: "A missing dba_name is stored as '' instead of NULL.",
  caughtBy: '5.3',
  file: 'supplier-consumer.ts',
  edits: [
    {
      find: '      dba_name: company.dba_name ?? null,',
      replace: "      dba_name: company.dba_name ?? '',",
    },
  ],
} satisfies Mistake;
