import '../../api/src/instrument';
import { loadConfigOrExit } from '@app/config';
import { createHttpApp, startHttpApp, trimHeapOnceIdle } from '@app/http';
import { WorkerModule } from './worker.module';

async function bootstrap() {
  const config = loadConfigOrExit();
  const app = await createHttpApp(WorkerModule.register(config), config);
  // Workers never migrate: they wait until the API or the migrate Job has brought the schema up to date.
  await startHttpApp(app, config, config.server.WORKER_PORT, { migrate: false, role: 'worker' });
  trimHeapOnceIdle();
}
void bootstrap();
