// `pnpm --filter @rollcall/api check-db` (built: `node apps/api/dist/check.js`): checks the configured database's cross-table
// invariants, e.g. after restoring a backup. Prints each problem with its code; exits 1 when any is
// found, 2 when the database cannot be read. `--json` prints the list as JSON instead.
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { checkConsistency } from './features/system/consistency.ts';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`Cannot check: ${err.message}`);
  process.exit(2);
}
const database = openDatabase(config.database);
let code: number;
try {
  const problems = await checkConsistency(database.db);
  if (process.argv.includes('--json')) console.log(JSON.stringify({ ok: problems.length === 0, problems }, null, 2));
  else if (problems.length === 0) console.log('The database is consistent.');
  else for (const p of problems) console.log(`[${p.code}] ${p.message} (${p.count})${p.sample.length ? ` e.g. ${p.sample.join(', ')}` : ''}`);
  code = problems.length ? 1 : 0;
} catch (err) {
  console.error(`Cannot check the database: ${err instanceof Error ? err.message : String(err)}`);
  code = 2;
} finally {
  await database.close();
}
process.exit(code);
