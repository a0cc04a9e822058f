// MariaDB 10.11's segfault (ha_maria::drop_table), reproduced outside the test suites: parallel
// connections each create a database with a foreign key, run the harness's information_schema
// introspection queries, and drop the database (issue 20, part 3).
// Found: the trigger is the foreign-key JOIN of KEY_COLUMN_USAGE and REFERENTIAL_CONSTRAINTS. The
// server cannot narrow the joined side by schema, so it opens every schema's tables, the sys
// schema's views too, and the nested information_schema table it builds for such a view fails
// and crashes in its cleanup. Measured (12 connections, 2026-12-02): the JOIN crashed the server
// in 2 of 2 runs, within 40-60 s (956 and 3,242 statements); QUERY=split, the two single-table
// queries harness/testing/introspect.ts now sends, ran 58,932 statements in 150 s without a crash.
//   node .ci/mariadb-crash-stress.mjs mysql://root@127.0.0.1:3391/ <seconds> <connections>
// (QUERY=split: the foreign-key query as two single-table queries instead of a JOIN; MODE=serial:
// no drop while another connection introspects). Prints the statements run and the errors seen;
// the server's own log says whether it died ("got signal 11").
import mysql from 'mysql2/promise';
const url = process.argv[2]; const seconds = Number(process.argv[3] ?? 120); const workers = Number(process.argv[4] ?? 12); const kills = process.argv[5] === 'kill';
const SPLIT = [
 `SELECT CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'child' AND REFERENCED_TABLE_NAME IS NOT NULL`,
 `SELECT CONSTRAINT_NAME, DELETE_RULE, UPDATE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = 'child'`,
];
const Q0 = [
 `SELECT k.CONSTRAINT_NAME AS name, k.COLUMN_NAME, r.DELETE_RULE FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME WHERE k.TABLE_SCHEMA = DATABASE() AND k.TABLE_NAME = 'child' ${process.env.QUERY === 'fixed' ? "AND r.CONSTRAINT_SCHEMA = DATABASE() AND r.TABLE_NAME = 'child'" : ''} AND k.REFERENCED_TABLE_NAME IS NOT NULL ORDER BY k.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
 `SELECT * FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'child'`,
 `SELECT * FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'child'`,
 `SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = 'child'`,
 `SELECT * FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()`,
];
const Q = process.env.QUERY === 'split' ? [...SPLIT, ...Q0.slice(1)] : Q0;
const end = Date.now() + seconds * 1000; let ops = 0, errors = new Map();
const note = (e) => errors.set(e.code ?? e.message.slice(0, 60), (errors.get(e.code ?? e.message.slice(0, 60)) ?? 0) + 1);
async function worker(w) {
  let i = 0;
  while (Date.now() < end) {
    const db = `s${w}_${i++}`;
    let c;
    try {
      c = await mysql.createConnection({ uri: url, multipleStatements: true });
      await c.query(`CREATE DATABASE ${db}; USE ${db}; CREATE TABLE parent (id INT PRIMARY KEY, j JSON, t TEXT) ENGINE=InnoDB; CREATE TABLE child (id INT PRIMARY KEY, p INT, j JSON CHECK (json_valid(j)), KEY(p), FOREIGN KEY (p) REFERENCES parent(id) ON DELETE CASCADE) ENGINE=InnoDB`);
      for (let r = 0; r < 3; r++) for (const q of Q) { await c.query(q); ops++; }
      // another connection drops the database while this one may still introspect
      if (process.env.MODE === 'serial') { await c.query(`DROP DATABASE ${db}`); } else {
      const d = await mysql.createConnection({ uri: url });
      await Promise.all([Promise.all(Q.map((q) => c.query(q).catch(note))), d.query(`DROP DATABASE ${db}`)]);
      await d.end(); }
      for (const q of Q) await c.query(q).catch(note);
      await c.end();
    } catch (e) { note(e); try { c?.destroy(); } catch {} }
  }
}
async function killer() {
  const k = await mysql.createConnection({ uri: url });
  while (Date.now() < end) {
    try { const [rows] = await k.query("SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT%information_schema%' AND ID <> CONNECTION_ID()"); for (const r of rows) await k.query(`KILL QUERY ${r.ID}`).catch(note); } catch (e) { note(e); break; }
    await new Promise((r) => setTimeout(r, 20));
  }
  await k.end().catch(() => {});
}
await Promise.all([...Array.from({ length: workers }, (_, w) => worker(w)), ...(kills ? [killer()] : [])]);
console.log(JSON.stringify({ ops, errors: Object.fromEntries(errors) }));
