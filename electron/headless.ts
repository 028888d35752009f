import { runHeadless } from './headless-server';

await runHeadless(process.argv.slice(2));
