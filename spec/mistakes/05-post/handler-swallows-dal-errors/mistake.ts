import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'handlePostCreated wraps the DAL call in try/catch and only logs: a failed insert resolves, the framework commits the offset, and the post is lost.',
  caughtBy: '5.3',
  file: 'post-consumer.ts',
  edits: [
    { find: '    await this.dal.insertPost({', replace: '    try {\n    await this.dal.insertPost({' },
    { find: '      event_timestamp: this.parseTimestamp(event.timestamp),\n    });\n  }', replace: "      event_timestamp: this.parseTimestamp(event.timestamp),\n    });\n    } catch (error) {\n      console.error('could not store post', error);\n    }\n  }" },
  ],
} satisfies Mistake;
