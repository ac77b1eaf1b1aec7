// Start-up of a database: migrate, load reference data, seed the demo plan and accounts when empty.
import type { Database } from './database.ts';
import type { Logger } from '../http/logger.ts';
import { migrateToLatest } from './migrate.ts';
import { loadReferenceData } from '../../geodata/seed/load-reference-data.ts';
import { loadDemoPlan, type DemoSeedSummary } from '../../geodata/seed/load-demo-plan.ts';
import { seedDemoAccounts } from '../auth/auth.service.ts';
import { loadDemoChangeSets } from '../../geodata/seed/load-demo-changesets.ts';
import type { User } from '../auth/auth.types.ts';

export interface PrepareResult {
  migrations: string[];
  demoPlan: DemoSeedSummary | null;
  demoAccounts: User[];
}

export async function prepareDatabase(db: Database, options: { seedDemo: boolean; demoPassword: string }, logger: Logger): Promise<PrepareResult> {
  const migrations = await migrateToLatest(db.knex);
  if (migrations.length) logger.info('database migrated', { applied: migrations });
  const reference = await loadReferenceData(db.knex);
  if (reference.wards) logger.info('wards loaded', { wards: reference.wards });
  let demoPlan: DemoSeedSummary | null = null;
  let demoAccounts: User[] = [];
  if (options.seedDemo) {
    demoPlan = await loadDemoPlan(db.knex);
    if (demoPlan) logger.info('demo plan seeded', { ...demoPlan });
    demoAccounts = await seedDemoAccounts(db.knex, options.demoPassword);
    const demoChangeSets = await loadDemoChangeSets(db.knex);
    if (demoChangeSets) logger.info('demo change sets seeded', { ...demoChangeSets });
  }
  return { migrations, demoPlan, demoAccounts };
}
