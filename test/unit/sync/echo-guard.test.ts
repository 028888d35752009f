import { describe, expect, it } from 'vitest';
import { agreedValues, applyRecords, storedAgreed } from '../../../shared/node/sync/link-records';
import { plan } from '../../../shared/node/sync/plan';
import {
  agreed,
  applyToIncident,
  applyToRequest,
  config,
  IDS,
  incident,
  INCIDENT_ID,
  linkAfter,
  REQUEST_ID,
  request,
  status,
  writes,
} from './fixtures';

const fd = { side: 'flashduty' as const, id: INCIDENT_ID, origin: 'poll' as const };
const sdp = { side: 'sdp' as const, id: REQUEST_ID, origin: 'poll' as const };

/**
 * Mappings that are not inverses of each other (lossy tables, truncation, composed resolutions)
 * are where equality alone would ping-pong; the link's records must stop them.
 */
describe('echo guard on lossy mappings', () => {
  it('non-inverse priority tables do not flip-flop', () => {
    const cfg = config({
      direction: 'two_way',
      severityMapping: {
        toPriority: { Warning: 'Medium', Critical: 'High' },
        toSeverity: { Medium: 'Critical', High: 'Critical' },
      },
    });
    let inc = incident({ severity: 'Critical' });
    let req = request({ priority: 'High' });
    let link = agreed(cfg, inc, req);
    inc = { ...inc, severity: 'Warning', updatedAtMs: 2_000 };
    const out = plan(cfg, fd, inc, req, link);
    expect(out).toMatchObject([{ type: 'update_request_fields', fields: { priority: 'Medium' } }]);
    req = applyToRequest(req, out, 3_000);
    link = linkAfter(link, out);
    // Medium maps back to Critical, but SDP only holds what we wrote: no write back.
    expect(plan(cfg, sdp, req, inc, link)).toEqual([]);
    expect(plan(cfg, fd, inc, req, link)).toEqual([]);
  });

  it('a subject longer than Flashduty allows is truncated once and not re-sent', () => {
    const cfg = config({ direction: 'two_way' });
    let inc = incident();
    let req = request();
    let link = agreed(cfg, inc, req);
    req = { ...req, subject: 'S'.repeat(240), updatedAtMs: 2_000 };
    const out = plan(cfg, sdp, req, inc, link);
    expect(out).toMatchObject([{ type: 'reset_incident', title: expect.stringMatching(/^S{199}…$/) }]);
    inc = applyToIncident(inc, out, 3_000);
    link = linkAfter(link, out);
    expect(plan(cfg, fd, inc, req, link)).toEqual([]);
    expect(plan(cfg, sdp, req, inc, link)).toEqual([]);
  });

  it('an SDP resolution that closes the incident is not sent back composed with the root cause', () => {
    const cfg = config({ direction: 'two_way' });
    let inc = incident({ rootCause: 'Bad deploy' });
    let req = request();
    let link = agreed(cfg, inc, req);
    req = { ...req, status: status('Resolved'), resolution: 'Rolled back', updatedAtMs: 2_000 };
    const out = plan(cfg, sdp, req, inc, link);
    expect(out).toMatchObject([{ type: 'resolve', resolution: 'Rolled back' }]);
    inc = applyToIncident(inc, out, 3_000);
    link = linkAfter(link, out);
    expect(plan(cfg, fd, inc, req, link)).toEqual([]);
  });

  it('SDP rewriting our plain-text description as HTML is not a change', () => {
    const cfg = config({ direction: 'two_way' });
    let inc = incident();
    let req = request();
    let link = agreed(cfg, inc, req);
    inc = { ...inc, description: 'Step 1 & step 2\n<not a tag>', updatedAtMs: 2_000 };
    const out = plan(cfg, fd, inc, req, link);
    req = applyToRequest(req, out, 3_000);
    req = { ...req, description: req.description.replace('&', '&amp;').replace('<not a tag>', '&lt;not a tag&gt;') };
    link = linkAfter(link, out);
    expect(writes(plan(cfg, sdp, req, inc, link))).toEqual([]);
  });
});

describe('link records', () => {
  it('applyRecords merges what a write agreed into the last agreed values of each side', () => {
    const first = applyRecords(null, IDS, { sdp: { title: 'a', status: 'Open' }, flashduty: { title: 'a' } }, 1);
    const next = applyRecords(first, IDS, { sdp: { status: 'In Progress' }, flashduty: {} }, 2);
    expect(next.lastAgreedWithSdp).toEqual({ title: 'a', status: 'In Progress' });
    expect(next.lastAgreedWithFlashduty).toEqual(first.lastAgreedWithFlashduty);
    expect(next.updatedAt).toBe(2);
  });

  it.each([
    ['as stored now', '{"values":{"title":"a","status":null}}', { title: 'a', status: null }],
    ['as stored before, with its unread fingerprint', '{"fingerprint":"f1","values":{"title":"a"}}', { title: 'a' }],
    ['not JSON', '{"values":', {}],
    ['not a record', '{"values":{"title":3}}', {}],
  ])('reads the agreed values %s', (_, stored, values) => {
    expect(agreedValues(stored)).toEqual(values);
  });

  it('stores the values only, and reads them back', () => {
    const values = { title: 'Disk full', 'udf:txt_x': null };
    expect(JSON.parse(storedAgreed(values))).toEqual({ values });
    expect(agreedValues(storedAgreed(values))).toEqual(values);
  });
});

describe('Flashduty text limits', () => {
  it('a subject too short for Flashduty is labelled once, not refused, and not sent back', () => {
    const cfg = config({ direction: 'two_way' });
    let inc = incident();
    let req = request();
    let link = agreed(cfg, inc, req);
    req = { ...req, subject: 'DB', updatedAtMs: 2_000 };
    const out = plan(cfg, sdp, req, inc, link);
    expect(out).toMatchObject([{ type: 'reset_incident', title: `SDP request ${REQUEST_ID}: DB` }]);
    inc = applyToIncident(inc, out, 3_000);
    link = linkAfter(link, out);
    expect(plan(cfg, fd, inc, req, link)).toEqual([]);
  });
});
