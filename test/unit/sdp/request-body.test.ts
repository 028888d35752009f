import { describe, expect, it } from 'vitest';
import { createRequestBody, requestBody, type RequestValues } from '../../../shared/node/sdp/request-body';
import { SdpCreateRequestInput, SdpRequestInput } from '../../../shared/node/sdp/inputs';

describe('requestBody: a planned write as SDP’s request body', () => {
  const cases: { name: string; values: RequestValues; body: SdpRequestInput }[] = [
    { name: 'nothing set, nothing sent', values: {}, body: {} },
    {
      name: 'subject and description as they are',
      values: { subject: 'S', description: 'D' },
      body: { subject: 'S', description: 'D' },
    },
    { name: 'priority by name', values: { priority: 'High' }, body: { priority: { name: 'High' } } },
    { name: 'group by name', values: { group: 'Network' }, body: { group: { name: 'Network' } } },
    {
      name: 'a technician by email',
      values: { technician: { email: 'alice@example.com' } },
      body: { technician: { email_id: 'alice@example.com' } },
    },
    {
      name: 'a technician by name',
      values: { technician: { name: 'Alice Chen' } },
      body: { technician: { name: 'Alice Chen' } },
    },
    { name: 'text UDFs', values: { udf: { udf_sline_301: 'x' } }, body: { udf_fields: { udf_sline_301: 'x' } } },
    { name: 'no UDF values: no udf_fields', values: { udf: {} }, body: {} },
    { name: 'a status by name', values: { status: 'Onhold' }, body: { status: { name: 'Onhold' } } },
    { name: 'a template by name', values: { template: 'New hire' }, body: { template: { name: 'New hire' } } },
    { name: 'no template: SDP’s default', values: { template: null }, body: {} },
    {
      name: 'a requester by email',
      values: { requester: { email: 'bob@example.com' } },
      body: { requester: { email_id: 'bob@example.com' } },
    },
    { name: 'no requester: not sent', values: { requester: null }, body: {} },
  ];
  it.each(cases)('$name', ({ values, body }) => {
    expect(requestBody(values)).toEqual(body);
    expect(SdpRequestInput.safeParse(requestBody(values)).success).toBe(true);
  });

  it('leaves out what is not a request body field (a create’s resolution is its own call)', () => {
    const create = { subject: 'S', description: 'D', status: 'Open', resolution: 'Fixed' };
    expect(createRequestBody(create)).toEqual({ subject: 'S', description: 'D', status: { name: 'Open' } });
    expect(SdpCreateRequestInput.safeParse(createRequestBody(create)).success).toBe(true);
  });
});
