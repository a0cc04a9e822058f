import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'insertUser pastes values into the SQL text instead of using placeholders: quotes and backslashes break it (and it is open to SQL injection).',
  caughtBy: '5.2',
  file: 'user-dal.ts',
  edits: [
    {
      find: '  async insertUser(user: UserRow): Promise<void> {\n    await getPool().execute(INSERT_USER, [',
      replace:
        "  async insertUser(user: UserRow): Promise<void> {\n" +
        "    const literal = (value: unknown) => (value === null ? 'NULL' : `'${String(value)}'`);\n" +
        "    const values = [" ,
    },
    {
      find: '      user.event_timestamp,\n    ]);\n  }',
      replace: "      user.event_timestamp,\n    ];\n    let index = 0;\n    await getPool().query(INSERT_USER.replace(/\\?/g, () => literal(values[index++])));\n  }",
    },
  ],
} satisfies Mistake;
