import { runService } from '@emporium/kit';
import { buildApp } from './app.ts';
import { readConfig } from './config.ts';

await runService(async () => {
  const config = readConfig();
  return { app: await buildApp(config), port: config.PORT, host: config.HOST };
});
