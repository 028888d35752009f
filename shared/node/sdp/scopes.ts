/**
 * Which Zoho OAuth scope each SDP Cloud call DeskBridge makes needs. Zoho binds scopes to the grant
 * code (and so to its refresh token); a call outside them is refused however fresh the token.
 * Scope names have the form `SDPOnDemand.<module>.<ALL|READ|CREATE|UPDATE|DELETE>`; `ALL` covers
 * the other four. ManageEngine does not publish a per-endpoint table, so each row names its source:
 *  - requests: the module the endpoint belongs to (sdpod-v3-api/getting-started/oauth-2.0.html#scopes;
 *    Flashduty's SDP sync guide: "requests.ALL covers get, create and update of requests");
 *  - admin lists (templates, priorities, statuses, support groups, portals): `setup.READ` (Flashduty's
 *    guide; PTTG-IT/SDP-MCP reports priorities/statuses/categories refused without it);
 *  - request fields (`_metainfo`): `custommodule.READ` (Flashduty's guide: custom-field lists);
 *  - technicians and users/requesters: `users.READ` (public cloud clients, e.g. PTTG-IT/SDP-MCP's
 *    scope notes: without it "no technician lookup").
 */
export interface ScopedCall {
  /** What the admin reads in the README and in a failed check. */
  call: string;
  scope: string;
  match: (method: string, path: string) => boolean;
}

const get = (re: RegExp) => (method: string, path: string) => method === 'GET' && re.test(path);

export const SDP_SCOPED_CALLS: readonly ScopedCall[] = [
  {
    call: 'GET /requests, /requests/{id}, /requests/{id}/notes, /requests/{id}/resolutions',
    scope: 'SDPOnDemand.requests.READ',
    match: get(/^requests(\/\d+(\/notes(\/\d+)?|\/resolutions)?)?$/),
  },
  {
    call: 'POST /requests, POST /requests/{id}/notes, POST /requests/{id}/resolutions',
    scope: 'SDPOnDemand.requests.CREATE',
    match: (m, p) => m === 'POST' && /^requests(\/\d+\/(notes|resolutions))?$/.test(p),
  },
  {
    call: 'PUT /requests/{id}',
    scope: 'SDPOnDemand.requests.UPDATE',
    match: (m, p) => m === 'PUT' && /^requests\/\d+(\/close)?$/.test(p),
  },
  { call: 'GET /requests/_metainfo', scope: 'SDPOnDemand.custommodule.READ', match: get(/^requests\/_metainfo$/) },
  {
    call: 'GET /request_templates, /priorities, /statuses, /support_groups (or /groups), /portals',
    scope: 'SDPOnDemand.setup.READ',
    match: get(/^(request_templates(\/\d+)?|priorities|statuses|support_groups|groups|portals)$/),
  },
  {
    call: 'GET /technicians, /users, /requesters',
    scope: 'SDPOnDemand.users.READ',
    match: get(/^(technicians|users|requesters)$/),
  },
];

export { SDP_CLOUD_SCOPES } from '../../common/config/data-centres';

/** The scope a call needs, from its method and its path below the API base (`requests/12/notes`); null when unknown. */
export function scopeForCall(method: string, path: string): string | null {
  const clean = path.replace(/^\/+|\/+$/g, '').split('?')[0]!;
  return SDP_SCOPED_CALLS.find((c) => c.match(method.toUpperCase(), clean))?.scope ?? null;
}
