import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'handleUserCreated wraps the DAL call in try/catch and only logs: a failed insert resolves, the framework commits the offset, and the event is lost.',
  caughtBy: '5.3',
  file: 'user-consumer.ts',
  edits: [
    { find: '    const { data } = event;\n    await this.dal.insertUser({', replace: '    const { data } = event;\n    try {\n    await this.dal.insertUser({' },
    { find: '      event_timestamp: this.parseTimestamp(event.timestamp),\n    });\n  }', replace: "      event_timestamp: this.parseTimestamp(event.timestamp),\n    });\n    } catch (error) {\n      console.error('could not store user', error);\n    }\n  }" },
  ],
} satisfies Mistake;
