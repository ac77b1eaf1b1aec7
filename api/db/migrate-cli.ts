// `npm run migrate [latest|rollback|status]`: migrations by hand, for the server backend or a stopped embedded one.
import { loadConfig } from '../config.ts';
import { openDatabase } from './connection.ts';
import { migratorConfig } from './migrate.ts';

const command = process.argv[2] ?? 'latest';
const config = loadConfig();
const db = config.databaseUrl
  ? await openDatabase({ backend: 'postgres', databaseUrl: config.databaseUrl })
  : await openDatabase({ backend: 'pglite', dataDir: config.dataDir });
try {
  if (command === 'latest') {
    const [, applied] = await db.knex.migrate.latest(migratorConfig());
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'already up to date');
  } else if (command === 'rollback') {
    const [, undone] = await db.knex.migrate.rollback(migratorConfig());
    console.log(undone.length ? `rolled back: ${undone.join(', ')}` : 'nothing to roll back');
  } else if (command === 'status') {
    const [done, pending] = await db.knex.migrate.list(migratorConfig());
    console.log(`applied: ${done.length}, pending: ${pending.length}`);
  } else {
    console.error('usage: npm run migrate [latest|rollback|status]');
    process.exitCode = 2;
  }
} finally {
  await db.close();
}
