import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSdpMetadata, type MetadataProblem } from '../../../electron/services/metadata-cache';
import { metadataProblemMessage } from '../../../electron/services/runtime-messages';
import { renderMessage } from '../../../renderer/src/i18n/messages';
import { createSdpClient, exchangeGrantCode } from '../../../shared/node/sdp/client';
import { startSdpSimulator, type SdpSimulator } from '../../../simulators/sdp';
import { FAST_RETRY, fakeClock, startPair } from './harness';

/** The sync log's line for a list SDP would not give, in English. */
const logged = (problem: MetadataProblem, cloud: boolean) =>
  renderMessage(metadataProblemMessage(problem, cloud), 'en');

describe('SDP metadata loads per endpoint', () => {
  let sim: SdpSimulator | undefined;
  let server: http.Server | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
    if (server) await new Promise((r) => server!.close(r));
    server = undefined;
  });

  it('a grant without SDPOnDemand.users.READ costs the technicians list only, named with its endpoint and the scope to add', async () => {
    sim = await startSdpSimulator({ edition: 'cloud' });
    const c = sim.credentials as { accountsServer: string; clientId: string; clientSecret: string };
    const grant = await exchangeGrantCode({
      ...c,
      code: sim.mintGrantCode(undefined, [
        'SDPOnDemand.requests.ALL',
        'SDPOnDemand.setup.READ',
        'SDPOnDemand.custommodule.READ',
      ]),
    });
    const client = createSdpClient(
      { edition: 'cloud', apiBaseUrl: sim.baseUrl, ...c, refreshToken: grant.refreshToken, rateLimitPerMin: 10_000 },
      { retry: FAST_RETRY, clock: fakeClock() },
    );
    const { sources, problems } = await loadSdpMetadata(client, '');
    expect(problems.map((p) => [p.list, p.endpoint, p.reason, p.scope])).toStrictEqual([
      ['technicians', 'GET /technicians', 'forbidden', 'SDPOnDemand.users.READ'],
    ]);
    expect(logged(problems[0]!, true)).toBe(
      'SDP metadata: GET /technicians: SDP Cloud refused it: the token lacks SDPOnDemand.users.READ. Reconnect SDP Cloud with a grant code that includes SDPOnDemand.users.READ.',
    );
    expect(sources.unavailable).toStrictEqual(['technicians']);
    expect(sources.priorities.length).toBeGreaterThan(0);
    expect(sources.statuses.length).toBeGreaterThan(0);
    expect(sources.udfs.length).toBeGreaterThan(0);
    expect(sources.templates.some((t) => t.mandatoryFields.length > 0)).toBe(true);
  });

  it('a build without /statuses (404): that list is missing and says so; a later failure keeps the last good rows', async () => {
    const pair = await startPair('onprem');
    sim = pair.sim;
    pair.sim.injectFault({ kind: 'notFound', pathIncludes: '/statuses', times: 10 });
    const first = await loadSdpMetadata(pair.client, '');
    expect(first.problems.map((p) => [p.list, p.reason, p.scope])).toStrictEqual([['statuses', 'not_found', null]]);
    expect(logged(first.problems[0]!, false)).toMatch(
      /^SDP metadata: GET \/statuses: This ServiceDesk Plus does not serve it \(404\)\./,
    );
    expect(first.sources.unavailable).toStrictEqual(['statuses']);
    pair.sim.clearFaults();

    const good = await loadSdpMetadata(pair.client, '');
    pair.sim.injectFault({ kind: 'forbidden', pathIncludes: '/priorities', times: 10 });
    const later = await loadSdpMetadata(pair.client, '', good.sources);
    expect(later.problems.map((p) => p.list)).toStrictEqual(['priorities']);
    expect(logged(later.problems[0]!, false)).toMatch(
      /^SDP metadata: GET \/priorities: The technician behind the API key may not read it\./,
    );
    expect(later.sources.priorities).toStrictEqual(good.sources.priorities);
    expect(later.sources.unavailable).toStrictEqual([]);
  });

  it('a rejected key fails the whole load (the integration needs attention), not one list', async () => {
    const pair = await startPair('onprem', { settings: { apiKey: 'AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE' } });
    sim = pair.sim;
    await expect(loadSdpMetadata(pair.client, '')).rejects.toMatchObject({ code: 'sdp.auth' });
  });

  it('odd rows are repaired or skipped, never the whole list', async () => {
    const rows: Record<string, unknown[]> = {
      statuses: [
        { id: '1', name: 'Open', in_progress: true, stop_timer: false, internal_name: 'Open' },
        { id: '2', name: 'Waiting on vendor' },
        { id: '3', name: 'Closed', internal_name: 'Closed' },
        { name: 'no id at all' },
      ],
      technicians: [
        { id: '7', name: 'Alice', email_id: 'alice@example.com' },
        { id: '8', name: 'Contractor' },
        { email_id: 'ghost@example.com' },
      ],
    };
    server = http.createServer((req, res) => {
      const key = new URL(req.url!, 'http://x').pathname.replace('/api/v3/', '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          [key]: rows[key] ?? [],
          list_info: { has_more_rows: false },
          response_status: { status_code: 2000, status: 'success' },
        }),
      );
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const client = createSdpClient(
      { edition: 'onprem', apiBaseUrl: `http://127.0.0.1:${port}`, apiKey: 'K', rateLimitPerMin: 10_000 },
      { retry: FAST_RETRY, clock: fakeClock() },
    );
    expect((await client.listStatuses()).map((s) => [s.name, s.inProgress, s.classification])).toStrictEqual([
      ['Open', true, 'open'],
      ['Waiting on vendor', true, 'in_progress'],
      ['Closed', false, 'completed'],
    ]);
    expect((await client.listTechnicians()).map((t) => [t.name, t.email])).toStrictEqual([
      ['Alice', 'alice@example.com'],
      ['Contractor', null],
    ]);
  });
});
