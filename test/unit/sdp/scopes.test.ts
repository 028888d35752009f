import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SDP_CLOUD_SCOPES, SDP_SCOPED_CALLS, scopeForCall } from '../../../shared/node/sdp/scopes';
import { requiredScope, scopeGranted } from '../../../simulators/sdp/scopes';

/** Every call the client makes on SDP Cloud, as method and path below `/app/<portal>/api/v3/`. */
const CALLS = [
  ['GET', 'requests', 'SDPOnDemand.requests.READ'],
  ['GET', 'requests/123640000000240013', 'SDPOnDemand.requests.READ'],
  ['GET', 'requests/123640000000240013/notes', 'SDPOnDemand.requests.READ'],
  ['POST', 'requests', 'SDPOnDemand.requests.CREATE'],
  ['POST', 'requests/1/notes', 'SDPOnDemand.requests.CREATE'],
  ['POST', 'requests/1/resolutions', 'SDPOnDemand.requests.CREATE'],
  ['PUT', 'requests/1', 'SDPOnDemand.requests.UPDATE'],
  ['GET', 'requests/_metainfo', 'SDPOnDemand.custommodule.READ'],
  ['GET', 'request_templates', 'SDPOnDemand.setup.READ'],
  ['GET', 'request_templates/5', 'SDPOnDemand.setup.READ'],
  ['GET', 'priorities', 'SDPOnDemand.setup.READ'],
  ['GET', 'statuses', 'SDPOnDemand.setup.READ'],
  ['GET', 'support_groups', 'SDPOnDemand.setup.READ'],
  ['GET', 'groups', 'SDPOnDemand.setup.READ'],
  ['GET', 'technicians', 'SDPOnDemand.users.READ'],
  ['GET', 'users', 'SDPOnDemand.users.READ'],
] as const;

describe('SDP Cloud scopes', () => {
  it.each(CALLS)('%s /%s needs %s, in the client and in the simulator', (method, path, scope) => {
    expect(scopeForCall(method, `/${path}`)).toBe(scope);
    expect(requiredScope(method, path)).toBe(scope);
  });

  it('the scopes the connect flow asks for cover every call', () => {
    for (const [, , scope] of CALLS) expect(scopeGranted(SDP_CLOUD_SCOPES, scope)).toBe(true);
  });

  it("the README table is the client's table", () => {
    const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('### Scopes per call'));
    const rows = [...table.matchAll(/^\| `([^`]+)` \| `([^`]+)` \|$/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toStrictEqual(SDP_SCOPED_CALLS.map((c) => [c.call, c.scope]));
  });
});
