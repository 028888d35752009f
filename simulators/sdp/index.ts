import { randomBytes } from 'node:crypto';
import { listenOn } from '../http';
import { ZohoAccounts } from './accounts';
import { createApiRouter } from './api';
import { handleControl } from './control-http';
import { FaultPlan, faultControls, type SimFault } from './faults';
import { IdGen, seedMetadata, type Edition, type SimStatusInput } from './seed';
import { CallLog, createSdpServer, type ServeContext, type SimCall } from './serve';
import { requestToWire } from './request-wire';
import { RequestStore } from './store';
import { createTechnicianDesk, type TechnicianChange, type TechnicianCreate } from './technician';
import { WebhookHub, type SimTriggerInput, type SimWebhookInput, type WebhookDelivery } from './webhooks';

export type { EscapeMode } from './render';
export { FLASHDUTY_GUIDE_STATUSES, type Edition, type SimStatusInput } from './seed';
export { SimFault, type SimFaultKind } from './faults';
export { SimTriggerInput, SimWebhookInput, type WebhookDelivery } from './webhooks';
export { TechnicianChange, TechnicianCreate } from './technician';
export type { SimCall } from './serve';

export interface SdpSimulatorOptions {
  edition: Edition;
  port?: number;
  host?: string;
  portal?: string;
  /** Serve HTTPS with this key pair (on-prem private-certificate tests). */
  tls?: { key: string; cert: string };
  tokenTtlSec?: number;
  grantCodeTtlMs?: number;
  /** Seed for the 5xx-rate fault's random draws, so a run is repeatable. */
  seed?: number;
  /** Extra requesters beyond the seed, to make metadata lists span several pages. */
  extraRequesters?: number;
  /**
   * Time stands still except through advanceClock, and changes in the same instant share one
   * last_updated_time (as real SDP's can); by default every change gets a distinct, later time.
   */
  frozenClock?: boolean;
  /** Statuses the admin added beyond the edition's defaults (e.g. those Flashduty's guide maps, on-prem). */
  addStatuses?: readonly SimStatusInput[];
}

export type SdpSimCredentials =
  { apiKey: string } | { accountsServer: string; clientId: string; clientSecret: string; grantCode: string };

export interface SdpSimulator {
  readonly edition: Edition;
  /** What the client's apiBaseUrl takes: `…/api/v3` on-prem, `…/app/<portal>/api/v3` cloud. */
  readonly baseUrl: string;
  readonly origin: string;
  readonly portal: string;
  readonly credentials: SdpSimCredentials;
  /** A grant code with the given scopes (default: every scope DeskBridge asks for). */
  mintGrantCode(ttlMs?: number, scopes?: readonly string[]): string;
  /** Access tokens the Zoho side minted since start (grant exchanges and refreshes). */
  tokensMinted(): number;
  createRequest(input: TechnicianCreate): Record<string, unknown>;
  updateRequest(id: string, change: TechnicianChange): Record<string, unknown>;
  addNote(id: string, note: { description: string; as?: string }): Record<string, unknown>;
  /** The SDP admin adds a technician (Admin → Users → Technicians): listed from then on, and a requester too. */
  addTechnician(name: string, email: string): void;
  getRequest(id: string): Record<string, unknown> | undefined;
  listRequests(): Record<string, unknown>[];
  registerWebhook(input: SimWebhookInput): { id: string };
  registerTrigger(input: SimTriggerInput): { id: string };
  webhookDeliveries(): WebhookDelivery[];
  /** Resolves when every webhook POST started so far has finished. */
  flushWebhooks(): Promise<void>;
  injectFault(fault: SimFault): void;
  clearFaults(): void;
  setLatency(ms: number): void;
  setServerErrorRate(rate: number): void;
  /** "Token expiry now": every issued access token stops working. */
  expireTokens(): void;
  revokeRefreshTokens(): void;
  advanceClock(ms: number): void;
  now(): number;
  calls(): SimCall[];
  clearCalls(): void;
  close(): Promise<void>;
}

const apiKeyFormat = (): string =>
  randomBytes(16)
    .toString('hex')
    .toUpperCase()
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

export async function startSdpSimulator(opts: SdpSimulatorOptions): Promise<SdpSimulator> {
  const edition = opts.edition;
  const portal = opts.portal ?? 'itdesk';
  if (!/^[A-Za-z0-9_-]+$/.test(portal))
    throw new RangeError('portal name may only contain letters, digits, "-" and "_"');
  let clockOffset = 0;
  const startedAt = Date.now();
  const now = (): number => (opts.frozenClock ? startedAt : Date.now()) + clockOffset;
  const ids = new IdGen(edition);
  const meta = seedMetadata(edition, ids, portal, opts.extraRequesters ?? 0, opts.addStatuses);
  const accounts = new ZohoAccounts(now, opts.tokenTtlSec ?? 3600, opts.grantCodeTtlMs ?? 10 * 60_000);
  const faults = new FaultPlan(opts.seed ?? 1);
  const hub = new WebhookHub(edition, () => ids.next());
  const store: RequestStore = new RequestStore(
    edition,
    meta,
    ids,
    now,
    (kind, request) => hub.fire(kind, request.id, requestToWire(store, request)),
    !opts.frozenClock,
  );
  const ctx: ServeContext = {
    edition,
    apiKey: apiKeyFormat(),
    accounts,
    faults,
    meta,
    routeApi: createApiRouter(edition, store, meta),
    calls: new CallLog(),
  };
  const apiPrefix = edition === 'cloud' ? `/app/${portal}/api/v3/` : '/api/v3/';
  const server = createSdpServer(ctx, apiPrefix, opts.tls, (method, path, body) =>
    handleControl(sim, method, path, body),
  );
  const host = opts.host ?? '127.0.0.1';
  const port = await listenOn(server, opts.port ?? 0, host);
  const origin = `${opts.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const sim: SdpSimulator = {
    edition,
    baseUrl: `${origin}${apiPrefix.replace(/\/$/, '')}`,
    origin,
    portal,
    credentials:
      edition === 'onprem'
        ? { apiKey: ctx.apiKey }
        : {
            accountsServer: origin,
            clientId: accounts.clientId,
            clientSecret: accounts.clientSecret,
            grantCode: accounts.mintGrantCode(),
          },
    mintGrantCode: (ttlMs, scopes) => accounts.mintGrantCode(ttlMs, scopes),
    tokensMinted: () => accounts.mintCount,
    ...createTechnicianDesk(store, meta, ids),
    registerWebhook: (input) => hub.registerWebhook(input),
    registerTrigger: (input) => hub.registerTrigger(input),
    webhookDeliveries: () => hub.deliveries(),
    flushWebhooks: () => hub.flush(),
    ...faultControls(faults),
    expireTokens: () => accounts.expireAccessTokens(),
    revokeRefreshTokens: () => accounts.revokeRefreshTokens(),
    advanceClock: (ms) => {
      clockOffset += ms;
    },
    now,
    calls: () => ctx.calls.snapshot(),
    clearCalls: () => ctx.calls.clear(),
    close: async () => {
      await hub.flush();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return sim;
}
