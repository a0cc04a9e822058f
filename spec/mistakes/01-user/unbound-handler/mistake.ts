import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'getHandlers() hands over this.handleUserCreated unbound: called as a plain function, `this` is undefined inside it.',
  caughtBy: '5.3',
  file: 'user-consumer.ts',
  edits: [{ find: '      [EventType.USER_CREATED]: (event) => this.handleUserCreated(event),', replace: '      [EventType.USER_CREATED]: this.handleUserCreated,' }],
} satisfies Mistake;
