// Imported first by main.ts: reads .env before anything else looks at the environment.
import { loadEnvFile } from '@app/config';

loadEnvFile();
