import { ensureFreshBuild } from '../helpers/fresh-build';
import { benchEngine } from './engine';
import { benchHeadless, type BenchLine } from './headless';
import { benchRssLinks } from './rss-links';
import { benchSoak } from './soak';
import { benchStorage } from './storage';
import { benchZohoTokens } from './zoho-tokens';
import { benchShutdown } from './shutdown';

/**
 * `npm run bench [-- <suite>...]`: prints `bench <name> <value> <unit>` lines, from every suite or
 * only the named ones. Figures only, no pass/fail: this machine is shared and noisy, so targets are
 * judged by people reading the numbers.
 */
// The soak runs last and longest: two hours unless DESKBRIDGE_SOAK_MINUTES says otherwise.
const suites: Record<string, () => Promise<BenchLine[]>> = {
  headless: benchHeadless,
  engine: benchEngine,
  'rss-links': benchRssLinks,
  storage: benchStorage,
  'zoho-tokens': benchZohoTokens,
  shutdown: benchShutdown,
  soak: benchSoak,
};

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !Object.hasOwn(suites, name));
if (unknown.length > 0) {
  console.error(`Unknown bench suite ${unknown.join(', ')}; the suites are: ${Object.keys(suites).join(', ')}.`);
  process.exit(2);
}
// The headless figures come from dist/: measure the current sources, not an old build.
ensureFreshBuild();
for (const [name, suite] of Object.entries(suites)) {
  if (asked.length > 0 && !asked.includes(name)) continue;
  for (const line of await suite()) console.log(`bench ${line.name} ${line.value} ${line.unit}`);
}
