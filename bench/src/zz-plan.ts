import { openDb, migrateService, ensureDatabase, dropDatabase } from '@emporium/kit';
const url = 'postgres://postgres@127.0.0.1:5432/emporium_plan_test';
await dropDatabase(url); await ensureDatabase(url);
const db = await openDb({ url, poolSize: 1 });
await migrateService(db, new URL('../../services/orders/migrations', import.meta.url).pathname);
await db.close();
