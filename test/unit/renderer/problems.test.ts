import { describe, expect, it } from 'vitest';
import { validateIntegrationDraft } from '../../../shared/common/config';
import { sectionOfField } from '../../../renderer/src/lib/form-fields';
import { toDraftInput } from '../../../renderer/src/lib/form-draft';
import { emptyForm, type FormModel } from '../../../renderer/src/lib/form-model';
import {
  countBySection,
  fieldOfPath,
  messagesFor,
  normalizePath,
  placeProblems,
  problemsFromDetails,
  unplaced,
} from '../../../renderer/src/lib/problems';

const form: FormModel = {
  ...emptyForm(),
  toPriority: [
    { value: 'Critical', priority: 'Urgent' },
    { value: ' 1 ', priority: 'High' },
  ],
  toSeverity: [{ priority: 'Urgent', severity: 'Critical' }],
};

describe('normalizePath', () => {
  it.each([
    ['customFields[0].udfType', 'customFields[0].udfType'],
    ['config.customFields.0.udfType', 'customFields[0].udfType'],
    ['config.trigger.conditions.3.pattern', 'trigger.conditions[3].pattern'],
    ['config', ''],
    ['(input)', ''],
    ['config.name', 'name'],
    ['configuration', 'configuration'],
    ['channels.12', 'channels[12]'],
  ])('%s → %s', (raw, normal) => {
    expect(normalizePath(raw)).toBe(normal);
  });
});

describe('fieldOfPath: config paths → editor fields', () => {
  it.each([
    ['name', 'name'],
    ['sdp.apiDomain', 'apiDomain'],
    ['sdp.accountsServer', 'accountsServer'],
    ['sdp.portal', 'portal'],
    ['sdp.endpoint', 'endpoint'],
    ['sdp.tls', 'tlsMode'],
    ['sdp.tls.caFile', 'caFile'],
    ['sdp.tls.pinnedSha256', 'pinnedSha256'],
    ['sdp.apiKey', 'secrets'],
    ['sdp.apiKey.secret', 'secrets'],
    ['flashduty.apiBase', 'flashdutyApiBase'],
    ['managementTeamId', 'managementTeamId'],
    ['trigger.mode', 'triggerMode'],
    ['trigger.conditions[2].pattern', 'conditions[2]'],
    ['config.trigger.conditions.0.severities', 'conditions[0]'],
    ['trigger.conditions', 'conditions'],
    ['channels[4]', 'channels'],
    ['channels', 'channels'],
    ['draft', null],
    ['customFields[0].udfType', 'customFields[0].udfType'],
    ['customFields[1].udfKey', 'customFields[1].udfKey'],
    ['customFields[3].source.name', 'customFields[3].source'],
    ['config.customFields.0.udfType', 'customFields[0].udfType'],
    ['customFields[2]', 'customFields[2].udfKey'],
    ['severityMapping.source.key', 'severitySource'],
    ['severityMapping.toPriority.Critical', 'toPriority[0]'],
    ['severityMapping.toPriority.1', 'toPriority[1]'],
    ['config.severityMapping.toPriority.1', 'toPriority[1]'],
    ['severityMapping.toPriority.Unknown', 'toPriority'],
    ['severityMapping.toSeverity.Urgent', 'toSeverity[0]'],
    ['statusMapping.sdpToFlashduty.On Hold', 'sdpToFlashduty[5]'],
    ['statusMapping.sdpToFlashduty.Open', 'sdpToFlashduty[0]'],
    ['statusMapping.sdpToFlashduty', 'sdpToFlashduty'],
    ['statusMapping.flashdutyToSdp.Closed', 'flashdutyToSdp.Closed'],
    ['statusMapping.flashdutyToSdp.Bogus', 'flashdutyToSdp.Triggered'],
    ['statusMapping.snoozeMinutes', 'snoozeMinutes'],
    ['fromSdp.requestIdMarker.name', 'requestIdMarker'],
    ['fromSdp.channelId', 'fromSdpChannelId'],
    ['fromSdp.udfFields[1].field', 'udfFields[1]'],
    ['config.fromSdp.udfFields.0.udfKey', 'udfFields[0]'],
    ['fromSdp.udfFields', 'udfFields'],
    ['toSdp.incidentIdMarker.key', 'incidentIdMarkerUdf'],
    ['ingress.sdpPollSeconds', 'sdpPollSeconds'],
    ['ingress.mode.host', 'ingressHost'],
    ['ingress.mode.port', 'ingressPort'],
    ['ingress.mode.domain', 'ngrokDomain'],
    ['ingress.mode.channelUrl', 'relayChannelUrl'],
    ['ingress.mode.authtoken', 'secrets'],
    ['ingress.mode', 'ingressType'],
    ['syncComments', 'syncComments'],
    ['', null],
    ['config', null],
    ['somethingElse', null],
    ['statusMapping', null],
  ])('%s → %s', (path, field) => {
    expect(fieldOfPath(path, form)).toBe(field);
  });
});

describe('sectionOfField', () => {
  it.each([
    ['apiDomain', 'connection'],
    ['secrets', 'connection'],
    ['flashdutyApiBase', 'connection'],
    ['name', 'basics'],
    ['conditions[0]', 'basics'],
    ['channels', 'basics'],
    ['requestIdMarker', 'basics'],
    ['customFields[0].udfType', 'ticket'],
    ['toPriority[1]', 'ticket'],
    ['incidentIdMarkerUdf', 'ticket'],
    ['udfFields[0]', 'ticket'],
    ['sdpToFlashduty[5]', 'status'],
    ['flashdutyToSdp.Closed', 'status'],
    ['snoozeMinutes', 'status'],
    ['ingressHost', 'inbound'],
    ['sdpPollSeconds', 'inbound'],
    ['nameless', null],
  ])('%s is in %s', (field, section) => {
    expect(sectionOfField(field)).toBe(section);
  });
});

describe('placing the validator’s own problems', () => {
  it('puts every problem of a bad draft next to a field the editor shows', () => {
    const bad: FormModel = {
      ...emptyForm(),
      platform: 'onprem',
      endpoint: 'ftp://x',
      snoozeMinutes: '5000',
      sdpPollSeconds: 'soon',
      customFields: [{ sourceKind: 'label', source: 'service', udfKey: 'udf_pick_1', udfType: 'pick_list' }],
      toPriority: [{ value: 'Critical', priority: '' }],
      conditions: [{ kind: 'label_matches', severities: [], channelIds: [], key: 'svc', value: '(', flags: '' }],
    };
    const result = validateIntegrationDraft(toDraftInput(bad));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const placed = placeProblems(result.problems, bad, 'en');
    expect(unplaced(placed)).toEqual([]);
    expect(messagesFor(placed, 'endpoint')[0]).toContain('SDP address');
    expect(messagesFor(placed, 'snoozeMinutes')[0]).toContain('1440');
    expect(messagesFor(placed, 'sdpPollSeconds')[0]).toContain('Polling interval');
    expect(messagesFor(placed, 'customFields[0].udfType')[0]).toContain('only single-line and multi-line');
    expect(messagesFor(placed, 'toPriority[0]')[0]).toContain('SDP priority');
    expect(messagesFor(placed, 'conditions[0]')[0]).toContain('regular expression');
    expect(messagesFor(placed, 'name')[0]).toContain('Name');
    expect(countBySection(placed)).toEqual({ connection: 1, basics: 2, ticket: 2, status: 1, inbound: 1 });
  });

  it('keeps problems it cannot place for the top of the form, once each', () => {
    const placed = placeProblems(
      [
        { path: '', message: 'Whole config is wrong.' },
        { path: 'mystery', message: 'Whole config is wrong.' },
        { path: 'name', message: 'Name please.' },
      ],
      form,
      'en',
    );
    expect(unplaced(placed)).toEqual(['Whole config is wrong.']);
    expect(messagesFor(placed, 'name')).toEqual(['Name please.']);
  });
});

describe('problemsFromDetails (the dispatcher’s invalid_input details)', () => {
  it.each([
    [{ issues: [{ path: 'config.name', message: 'Name!' }] }, [{ path: 'config.name', message: 'Name!' }]],
    [{ issues: [{ path: 1, message: 'x' }, null, 'text', { path: 'a', message: 'b' }] }, [{ path: 'a', message: 'b' }]],
    [
      { issues: [{ path: 'config.name', message: 'Name: …', code: 'config.name.required', params: {} }] },
      [{ path: 'config.name', message: 'Name: …', code: 'config.name.required', params: {} }],
    ],
    [
      { issues: [{ path: 'x', message: 'M', code: 'config.poll.min', params: { min: 5 } }] },
      [{ path: 'x', message: 'M', code: 'config.poll.min', params: { min: 5 } }],
    ],
    [{ issues: [{ path: 'x', message: 'M', code: 'not.ours', params: {} }] }, [{ path: 'x', message: 'M' }]],
    [
      { issues: [{ path: 'x', message: 'M', code: 'config.poll.min', params: { min: {} } }] },
      [{ path: 'x', message: 'M' }],
    ],
    [{ issues: 'nope' }, []],
    [{}, []],
    [undefined, []],
  ])('%j → %j', (details, problems) => {
    expect(problemsFromDetails(details as Record<string, unknown> | undefined)).toEqual(problems);
  });
});
