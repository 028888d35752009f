import { afterEach, describe, expect, it } from 'vitest';
import { defaultIntegrationConfig } from '../../../shared/common/config';
import type { FlashdutyClient } from '../../../shared/node/flashduty/client';
import { executeOperation, type ExecContext } from '../../../shared/node/sync/executor';
import type { Operation } from '../../../shared/node/sync/types';
import { apiCalls, startPair, type Pair } from '../sdp/harness';

/**
 * The outbox keeps planned writes as JSON in SQLite and executes them after a restart, with
 * whatever code runs then. These rows are written as the planner stored them (one per SDP write
 * operation and request field): each must still reach SDP as the same request body.
 */
const INCIDENT = '69da451ef77b1b51f40e83ee';
const records = '"records":{"sdp":{},"flashduty":{}},"changes":[]';

const STORED_CREATE_UDF_MARKER = `{"type":"create_request","incidentId":"${INCIDENT}",
  "marker":{"kind":"udf","key":"udf_sline_301","value":"${INCIDENT}"},
  "request":{"subject":"Payroll portal down","description":"HTTP 503 from payroll","status":"Open",
    "template":"Default Request","requester":{"email":"oncall-bot@example.com"},"resolution":null,
    "priority":"High","technician":{"email":"alice@example.com"},"group":"Network",
    "udf":{"udf_mline_302":"Restart the pool","udf_sline_301":"${INCIDENT}"}},
  "records":{"sdp":{"title":"Payroll portal down"},"flashduty":{"title":"Payroll portal down"}}}`;

const STORED_CREATE_DESCRIPTION_MARKER = `{"type":"create_request","incidentId":"${INCIDENT}",
  "marker":{"kind":"description","text":"[Flashduty incident ${INCIDENT}]"},
  "request":{"subject":"Disk full","description":"90% used","status":"Open","template":null,
    "requester":{"name":"Bob Requester"},"resolution":null,"technician":{"name":"Bala Iyer"}},
  "records":{"sdp":{},"flashduty":{}}}`;

const storedUpdate = (requestId: string) => `{"type":"update_request_fields","incidentId":"${INCIDENT}",
  "requestId":"${requestId}","fields":{"subject":"Payroll portal slow","description":"p99 4s",
  "priority":"Urgent","technician":{"name":"Chloé Dubois"},"group":"Database",
  "udf":{"udf_mline_302":"Scale out"}},${records}}`;

const storedEmptyUdf = (requestId: string) => `{"type":"update_request_fields","incidentId":"${INCIDENT}",
  "requestId":"${requestId}","fields":{"priority":"Low","udf":{}},${records}}`;

const storedStatus = (requestId: string) => `{"type":"change_request_status","incidentId":"${INCIDENT}",
  "requestId":"${requestId}","status":"Onhold",${records}}`;

describe('outbox rows stored by earlier runs still execute', () => {
  let pair: Pair;
  afterEach(async () => {
    await pair?.sim.close();
  });

  const run = (stored: string) => {
    const ctx: ExecContext = {
      config: defaultIntegrationConfig({
        id: 'int1',
        name: 'Ops ↔ SDP',
        sdp: { platform: 'onprem', endpoint: pair.sim.baseUrl },
        now: 0,
      }),
      // Only SDP is written here: a Flashduty call would be a bug, and throws.
      clients: { sdp: pair.client, flashduty: {} as FlashdutyClient },
      now: () => 1_000,
    };
    return executeOperation(ctx, JSON.parse(stored) as Operation);
  };
  const lastBody = () => apiCalls(pair.sim).at(-1)!.inputData;

  it('creates with a UDF marker, template, requester and the fields, then updates and changes status', async () => {
    pair = await startPair('onprem');
    const { createdRequestId: id } = await run(STORED_CREATE_UDF_MARKER);
    expect(lastBody()).toEqual({
      request: {
        subject: 'Payroll portal down',
        description: 'HTTP 503 from payroll',
        priority: { name: 'High' },
        technician: { email_id: 'alice@example.com' },
        group: { name: 'Network' },
        udf_fields: { udf_mline_302: 'Restart the pool', udf_sline_301: INCIDENT },
        status: { name: 'Open' },
        template: { name: 'Default Request' },
        requester: { email_id: 'oncall-bot@example.com' },
      },
    });
    expect(await pair.client.getRequest(id!)).toMatchObject({
      subject: 'Payroll portal down',
      priority: { name: 'High' },
      technician: { email_id: 'alice@example.com' },
      group: { name: 'Network' },
      requester: { email_id: 'oncall-bot@example.com' },
      udf_fields: { udf_sline_301: INCIDENT, udf_mline_302: 'Restart the pool' },
    });

    const updated = await run(storedUpdate(id!));
    expect(lastBody()).toEqual({
      request: {
        subject: 'Payroll portal slow',
        description: 'p99 4s',
        priority: { name: 'Urgent' },
        technician: { name: 'Chloé Dubois' },
        group: { name: 'Database' },
        udf_fields: { udf_mline_302: 'Scale out' },
      },
    });
    expect(updated.sdpUpdatedAtMs).toEqual(expect.any(Number));
    expect(await pair.client.getRequest(id!)).toMatchObject({
      subject: 'Payroll portal slow',
      priority: { name: 'Urgent' },
      technician: { name: 'Chloé Dubois' },
      group: { name: 'Database' },
      udf_fields: { udf_sline_301: INCIDENT, udf_mline_302: 'Scale out' },
    });

    await run(storedEmptyUdf(id!));
    expect(lastBody()).toEqual({ request: { priority: { name: 'Low' } } });

    await run(storedStatus(id!));
    expect(lastBody()).toEqual({ request: { status: { name: 'Onhold' } } });
    expect((await pair.client.getRequest(id!)).status.name).toBe('Onhold');
  });

  it('creates with the description marker, SDP’s default template and a requester by name', async () => {
    pair = await startPair('onprem');
    const { createdRequestId: id } = await run(STORED_CREATE_DESCRIPTION_MARKER);
    expect(lastBody()).toEqual({
      request: {
        subject: 'Disk full',
        description: `90% used\n\n[Flashduty incident ${INCIDENT}]`,
        technician: { name: 'Bala Iyer' },
        status: { name: 'Open' },
        requester: { name: 'Bob Requester' },
      },
    });
    expect(await pair.client.getRequest(id!)).toMatchObject({
      description: `90% used\n\n[Flashduty incident ${INCIDENT}]`,
      template: { name: 'Default Request' },
      requester: { name: 'Bob Requester' },
    });
  });
});
