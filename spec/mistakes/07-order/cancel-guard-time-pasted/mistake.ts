import type { Mistake } from '../../../mistake.ts';

// Found by a student's run: the guard's time written into the SQL text while the same time still
// travels as a ? elsewhere in the statement. A check that only asked "is each value among the
// parameters?" let it pass; a value quoted into the text is pasted, whatever else was sent.
export default {
  summary: 'The cancel\'s time is pasted into one IF guard of the UPDATE\'s text (it is still sent as ? in the others): a pasted value is pasted, even beside parameters.',
  caughtBy: '5.2',
  file: 'order-dal.ts',
  edits: [
    {
      find: '    const [result] = await db.execute<ResultSetHeader>(CANCEL_ORDER, [',
      replace: "    const [result] = await db.execute<ResultSetHeader>(CANCEL_ORDER.replace(\"IF(? >= event_timestamp, 'cancelled'\", `IF('${at}' >= event_timestamp, 'cancelled'`), [",
    },
    { find: '      at, at, cancelled_at, at, cancel_reason,', replace: '      at, cancelled_at, at, cancel_reason,' },
  ],
} satisfies Mistake;
