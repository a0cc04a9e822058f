import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'getHandlers() has no entry for user.updated: every update is dead-lettered as an unknown event type.',
  caughtBy: '5.3',
  file: 'user-consumer.ts',
  edits: [{ find: '      [EventType.USER_UPDATED]: (event) => this.handleUserUpdated(event),\n', replace: '' }],
} satisfies Mistake;
