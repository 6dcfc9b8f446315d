import './instrument';
import { loadConfigOrExit } from '@app/config';
import { createHttpApp, startHttpApp, trimHeapOnceIdle } from '@app/http';
import { AppModule } from './app.module';

async function bootstrap() {
  const config = loadConfigOrExit();
  const app = await createHttpApp(AppModule.register(config), config, { webConsole: true });
  await startHttpApp(app, config, config.server.PORT, { migrate: config.database.MIGRATE_ON_START });
  trimHeapOnceIdle();
}
void bootstrap();
