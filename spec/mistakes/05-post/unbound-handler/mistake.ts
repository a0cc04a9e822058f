import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'getHandlers() hands over the method itself: the framework calls it without its object, and this.dal is undefined.',
  caughtBy: '5.3',
  file: 'post-consumer.ts',
  edits: [{ find: '[EventType.POST_CREATED]: (event) => this.handlePostCreated(event),', replace: '[EventType.POST_CREATED]: this.handlePostCreated,' }],
} satisfies Mistake;
