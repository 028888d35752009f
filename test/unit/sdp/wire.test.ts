import { describe, expect, it } from 'vitest';
import { normaliseApiBaseUrl } from '../../../shared/node/sdp/client';
import {
  WireMetainfo,
  WireRequest,
  mandatoryFieldsOf,
  normaliseMetainfo,
  readEnvelopeStatus,
  udfTextKind,
} from '../../../shared/node/sdp/wire';

describe('WireRequest', () => {
  it('normalises IDs to strings, datetimes to ms, UDF values to text and absent fields to null', () => {
    const r = WireRequest.parse({
      id: 301,
      display_id: 74,
      subject: 'x',
      status: { id: 2, name: 'On Hold', internal_name: 'Onhold', in_progress: true, stop_timer: true },
      priority: { id: '123640000000006805', name: 'High', color: '#f00' },
      udf_fields: {
        txt_a: 'A',
        num_b: 5,
        bool_c: true,
        date_d: { value: '1717000000000', display_value: 'x' },
        txt_e: null,
      },
      last_updated_time: { value: '1717000000001', display_value: 'x' },
    });
    expect(r).toMatchObject({
      id: '301',
      display_id: '74',
      status: { id: '2', name: 'On Hold', internal_name: 'Onhold', in_progress: true, stop_timer: true },
      priority: { id: '123640000000006805', name: 'High' },
      udf_fields: { txt_a: 'A', num_b: '5', bool_c: 'true', date_d: '1717000000000' },
      last_updated_time: 1717000000001,
      created_time: null,
      technician: null,
      description: null,
      resolution: null,
    });
    expect(r.udf_fields).not.toHaveProperty('txt_e');
  });

  it('refuses a datetime that is not epoch ms', () => {
    expect(
      WireRequest.safeParse({ id: '1', status: { id: '1', name: 'Open' }, created_time: { value: 'yesterday' } })
        .success,
    ).toBe(false);
  });
});

describe('readEnvelopeStatus', () => {
  it('takes the worst code of an array and flattens field/fields', () => {
    const s = readEnvelopeStatus({
      response_status: [
        { status_code: 2000 },
        { status_code: '4000', messages: [{ status_code: 4012, field: 'a', fields: ['b'] }] },
      ],
    });
    expect(s).toEqual({ statusCode: 4000, messages: [{ statusCode: 4012, fields: ['a', 'b'] }] });
  });
});

describe('udfTextKind', () => {
  it.each([
    ['txt_incident_id', 'string', 'Single Line', 'single_line'],
    ['txt_runbook', 'string', 'Multi Line', 'multi_line'],
    ['txt_env', 'string', 'Pick List', null],
    ['txt_plain', 'string', null, 'single_line'],
    ['udf_sline_301', 'string', null, 'single_line'],
    ['udf_mline_302', 'string', null, 'multi_line'],
    ['udf_pick_303', 'string', null, null],
    ['udf_char1', 'string', null, 'single_line'],
    ['udf_date_304', 'datetime', null, null],
    ['udf_long1', 'integer', null, null],
    ['bool_x', 'boolean', null, null],
  ] as const)('%s (%s, %s) → %s', (key, type, fieldType, expected) => {
    expect(udfTextKind(key, type, fieldType)).toBe(expected);
  });

  it('normalises a whole _metainfo', () => {
    const defs = normaliseMetainfo(
      WireMetainfo.parse({
        fields: {
          subject: { type: 'string' },
          udf_fields: {
            fields: {
              txt_env: {
                display_name: 'Environment',
                type: 'string',
                field_type: 'Pick List',
                allowed_values: [{ value: 'prod' }, 'stage'],
              },
              udf_long1: { display_name: 'Impact count', type: 'integer' },
            },
          },
        },
      }),
    );
    expect(defs).toEqual([
      {
        key: 'txt_env',
        displayName: 'Environment',
        type: 'string',
        fieldType: 'Pick List',
        isText: false,
        textKind: null,
        allowedValues: ['prod', 'stage'],
      },
      {
        key: 'udf_long1',
        displayName: 'Impact count',
        type: 'integer',
        fieldType: null,
        isText: false,
        textKind: null,
        allowedValues: [],
      },
    ]);
  });
});

describe('pick lists and lookups are never text targets, whatever the definition leaves out', () => {
  it.each([
    ['values but no field_type', { type: 'string', allowed_values: [{ value: 'prod' }] }],
    ['values and no type at all', { allowed_values: ['prod', 'stage'] }],
    ['a lookup entity, no type', { lookup_entity: 'environment' }],
    ['a lookup entity with type string', { type: 'string', lookup_entity: 'environment' }],
  ])('%s', (_what, def) => {
    const [udf] = normaliseMetainfo(
      WireMetainfo.parse({ fields: { udf_fields: { fields: { udf_char7: { display_name: 'Env', ...def } } } } }),
    );
    expect(udf).toMatchObject({ isText: false, textKind: null });
  });

  it('a plain text field with nothing optional stays a text target', () => {
    const [udf] = normaliseMetainfo(WireMetainfo.parse({ fields: { udf_fields: { fields: { udf_char7: {} } } } }));
    expect(udf).toMatchObject({ isText: true, textKind: 'single_line' });
  });
});

describe('mandatoryFieldsOf', () => {
  it('collects mandatory fields at any depth under layouts', () => {
    const t = {
      name: 'x',
      mandatory: true,
      layouts: [
        {
          sections: [
            {
              fields: [
                { name: 'subject', mandatory: true },
                { name: 'group', mandatory: false },
              ],
            },
            { fields: [{ name: 'requester', mandatory: true }] },
          ],
        },
      ],
    };
    expect(mandatoryFieldsOf(t)).toEqual(['subject', 'requester']);
    expect(mandatoryFieldsOf({ id: '1' })).toEqual([]);
  });
});

describe('normaliseApiBaseUrl', () => {
  it.each([
    ['http://sdp.local:8080', 'http://sdp.local:8080/api/v3'],
    ['http://sdp.local:8080/', 'http://sdp.local:8080/api/v3'],
    ['https://sdp.local:8443/api/v3/', 'https://sdp.local:8443/api/v3'],
    [
      'https://sdpondemand.manageengine.com/app/itdesk/api/v3',
      'https://sdpondemand.manageengine.com/app/itdesk/api/v3',
    ],
    [' https://helpdesk.example.com/app/itdesk ', 'https://helpdesk.example.com/app/itdesk/api/v3'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseApiBaseUrl(input)).toBe(expected);
  });

  it.each(['sdp.local:8080', 'ftp://sdp.local', ''])('refuses %j', (input) => {
    expect(() => normaliseApiBaseUrl(input)).toThrow(expect.objectContaining({ code: 'sdp.invalid_input' }));
  });
});
