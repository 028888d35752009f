/**
 * Zoho OAuth scopes on the simulated SDP Cloud. Zoho binds the scopes to the grant code
 * ("Generate Code" asks for them), and every token minted from its refresh token carries them
 * (zoho.com/accounts/protocol/oauth/self-client/authorization-code-flow.html). ManageEngine does not
 * publish which scope each endpoint needs, so this table takes the strict reading of what public
 * sources say, and a call outside the token's scopes is refused:
 *  - /requests and below: the requests module (sdpod-v3-api/getting-started/oauth-2.0.html#scopes);
 *  - request templates, priorities, statuses, support groups, portals: SDPOnDemand.setup.READ
 *    (Flashduty's SDP sync guide; PTTG-IT/SDP-MCP reports priorities and statuses refused without it);
 *  - /requests/_metainfo: SDPOnDemand.custommodule.READ (Flashduty's guide: custom-field lists);
 * - technicians, users, requesters: SDPOnDemand.users.READ (stitchflow.com/user-management/manageengine/api: cloud
 * clients
 *    request it for technicians and users; PTTG-IT/SDP-MCP: "no technician lookup" without it).
 * `<module>.ALL` grants READ, CREATE, UPDATE and DELETE of that module.
 */
const ACTION: Record<string, string> = { GET: 'READ', POST: 'CREATE', PUT: 'UPDATE', DELETE: 'DELETE' };

/** The scope a call needs: `rest` is the path after `/app/<portal>/api/v3/`. */
export function requiredScope(method: string, rest: string): string | null {
  const action = ACTION[method];
  if (action === undefined) return null;
  if (rest === 'requests/_metainfo') return 'SDPOnDemand.custommodule.READ';
  if (/^requests(\/|$)/.test(rest)) return `SDPOnDemand.requests.${action}`;
  if (
    /^(request_templates|priorities|statuses|support_groups|groups|urgencies|impacts|categories|closure_codes|portals)(\/|$)|^portals-root$/.test(
      rest,
    )
  )
    return `SDPOnDemand.setup.${action}`;
  if (/^(technicians|users|requesters)(\/|$)/.test(rest)) return `SDPOnDemand.users.${action}`;
  return null;
}

export function scopeGranted(granted: readonly string[], needed: string): boolean {
  const [service, module] = needed.split('.');
  return granted.some((g) => g === needed || g === `${service}.${module}.ALL`);
}

/** What the simulator grants when a test does not say: everything DeskBridge's connect flow asks for. */
export const DEFAULT_GRANT_SCOPES = [
  'SDPOnDemand.requests.ALL',
  'SDPOnDemand.setup.READ',
  'SDPOnDemand.custommodule.READ',
  'SDPOnDemand.users.READ',
];
