import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntegrationDraftInput } from '../../../shared/common/config';
import { startEngineHarness, type EngineHarness } from '../../helpers/engine';
import { onlyRequestFor, requestsFor } from '../../helpers/engine-world';
import { renderMessage } from '../../../renderer/src/i18n/messages';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(() => h.close());

const CUSTOM_FIELDS: IntegrationDraftInput['customFields'] = [
  { source: { kind: 'label', key: 'runbook' }, udfKey: 'udf_mline_302', udfType: 'multi_line' },
  { source: { kind: 'custom_field', name: 'affected_service' }, udfKey: 'udf_sline_301', udfType: 'single_line' },
];

describe('custom fields, end to end', () => {
  it('copies a label into an SDP text field on create', async () => {
    const id = await h.save({ customFields: CUSTOM_FIELDS });
    const incident = h.fd.createIncident({
      title: 'Queue backlog',
      severity: 'Warning',
      labels: { runbook: 'https://wiki.example.com/runbooks/queue' },
    });
    await h.converge(id);
    const request = onlyRequestFor(h.sdp, incident.incident_id);
    expect(request.udf.udf_mline_302).toBe('https://wiki.example.com/runbooks/queue');
    expect(request.udf.udf_sline_301 ?? null).toBeNull();
  });

  it('sends a changed custom field, and never overwrites the SDP value with an empty source', async () => {
    const id = await h.save({ customFields: CUSTOM_FIELDS });
    const incident = h.fd.createIncident({ title: 'Queue backlog', severity: 'Warning' });
    await h.converge(id);
    const { id: requestId } = onlyRequestFor(h.sdp, incident.incident_id);

    // A technician fills the field by hand; the incident's source is empty, and stays so.
    h.sdp.updateRequest(requestId, { udf_fields: { udf_sline_301: 'typed by a technician' } });
    h.fd.reset(incident.incident_id, { title: 'Queue backlog (growing)' });
    await h.converge(id);
    let request = onlyRequestFor(h.sdp, incident.incident_id);
    expect(request.subject).toBe('Queue backlog (growing)');
    expect(request.udf.udf_sline_301).toBe('typed by a technician');

    h.fd.setField(incident.incident_id, 'affected_service', 'billing');
    await h.converge(id);
    expect(onlyRequestFor(h.sdp, incident.incident_id).udf.udf_sline_301).toBe('billing');

    // Clearing the source later leaves the last value in SDP.
    h.fd.setField(incident.incident_id, 'affected_service', undefined);
    h.fd.reset(incident.incident_id, { title: 'Queue backlog (draining)' });
    await h.converge(id);
    request = onlyRequestFor(h.sdp, incident.incident_id);
    expect(request.subject).toBe('Queue backlog (draining)');
    expect(request.udf.udf_sline_301).toBe('billing');
  });
});

describe('assignee mapping, end to end', () => {
  it('parks the incident as failed with the reason while the technician is missing, and syncs once the config is fixed', async () => {
    const assignee = { technicianLabelKey: 'owner', groupLabelKey: null };
    const saved = await h.call('integrations.save', { config: h.draft({ assignee }) });
    const incident = h.fd.createIncident({
      title: 'Payroll export stuck',
      severity: 'Critical',
      labels: { owner: 'zoe@example.com', oncall_owner: 'bala@example.com' },
    });
    await h.converge(saved.id);

    expect(requestsFor(h.sdp, incident.incident_id)).toHaveLength(0);
    const failed = await h.call('outbox.list', { integrationId: saved.id, state: 'failed' });
    expect(failed.items).toHaveLength(1);
    expect(failed.items[0]).toMatchObject({ entityId: incident.incident_id, lastError: { code: 'assignee_missing' } });
    expect(failed.items[0]!.lastError).toEqual({
      code: 'assignee_missing',
      message: { code: 'fail.assignee_missing', params: { technician: 'zoe@example.com' } },
      fix: { code: 'fix.assignee_missing', params: {} },
    });
    const [summary] = await h.call('integrations.list', {});
    expect(summary).toMatchObject({ id: saved.id, failed: 1 });
    // The integration's status words the same failure in the chosen language, the technician as data.
    expect(renderMessage(summary!.lastError!, 'en')).toBe(
      'SDP has no technician “zoe@example.com” (by email or name).',
    );
    expect(renderMessage(summary!.lastError!, 'zh-CN')).toBe('SDP 中没有技术员“zoe@example.com”（按邮箱或姓名查找）。');
    const log = await h.call('log.query', {
      integrationId: saved.id,
      incidentId: incident.incident_id,
      levels: ['error'],
    });
    expect(log.entries.map((e) => e.action)).toContain('assignee_missing');

    // Polling again does not park it twice or drop it.
    await h.converge(saved.id);
    expect((await h.call('outbox.list', { integrationId: saved.id, state: 'failed' })).items).toHaveLength(1);

    // The admin points the mapping at the label that names a real technician: the parked incident is retried.
    await h.call('integrations.save', {
      config: { ...h.draft({ assignee: { technicianLabelKey: 'oncall_owner', groupLabelKey: null } }), id: saved.id },
    });
    await h.core.engine.idle();
    const request = onlyRequestFor(h.sdp, incident.incident_id);
    expect(request.technician).toBe('bala@example.com');
    expect((await h.call('outbox.list', { integrationId: saved.id, state: 'failed' })).items).toHaveLength(0);
  });
});

describe('a metadata list SDP will not give', () => {
  it('costs only that list: the technician goes to SDP unchecked, the log names the endpoint and the fix, sync goes on', async () => {
    h.sdp.injectFault({ kind: 'forbidden', method: 'GET', pathIncludes: '/technicians', times: 1000 });
    const id = await h.save({ assignee: { technicianLabelKey: 'owner', groupLabelKey: null } });
    const incident = h.fd.createIncident({
      title: 'Disk full on db-3',
      severity: 'Critical',
      labels: { owner: 'alice@example.com' },
    });
    await h.converge(id);
    expect(onlyRequestFor(h.sdp, incident.incident_id).technician).toBe('alice@example.com');
    const metadata = await h.call('metadata.sdp', { integrationId: id });
    expect(metadata.technicians).toStrictEqual([]);
    expect(metadata.priorities.length).toBeGreaterThan(0);
    expect(metadata.problems?.map((p) => p.endpoint)).toStrictEqual(['GET /technicians']);
    const log = await h.call('log.query', { integrationId: id, text: 'GET /technicians' });
    expect(log.entries.map((e) => renderMessage(e.message, 'en'))).toStrictEqual([
      expect.stringMatching(
        /^SDP metadata: GET \/technicians: The technician behind the API key may not read it\. Give the technician who owns the API key a role/,
      ),
    ]);
    expect(renderMessage(log.entries[0]!.message, 'zh-CN')).toMatch(
      /^SDP 元数据：GET \/technicians：API 密钥所属的技术员无权读取该列表。/,
    );
  });
});
