import { ensureFreshBuild } from '../helpers/fresh-build';
import { benchEngine } from './engine';
import { benchHeadless, type BenchLine } from './headless';
import { benchRssLinks } from './rss-links';
import { benchSoak } from './soak';
import { benchStorage } from './storage';
import { benchZohoTokens } from './zoho-tokens';
import { benchShutdown } from './shutdown';

/**
 * `npm run bench`: prints `bench <name> <value> <unit>` lines. Figures only, no pass/fail: this
 * machine is shared and noisy, so targets are judged by people reading the numbers.
 */
// The soak runs last and longest: two hours unless DESKBRIDGE_SOAK_MINUTES says otherwise.
const suites: (() => Promise<BenchLine[]>)[] = [
  benchHeadless,
  benchEngine,
  benchRssLinks,
  benchStorage,
  benchZohoTokens,
  benchShutdown,
  benchSoak,
];

// The headless figures come from dist/: measure the current sources, not an old build.
ensureFreshBuild();
for (const suite of suites) {
  for (const line of await suite()) console.log(`bench ${line.name} ${line.value} ${line.unit}`);
}
