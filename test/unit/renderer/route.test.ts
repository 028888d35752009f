import { describe, expect, it } from 'vitest';
import { hashOf, routeFromHash, sameRoute } from '../../../renderer/src/lib/route';

describe('routes in the URL hash', () => {
  it.each([
    ['', { page: 'integrations', editing: null }],
    ['#/log', { page: 'log', editing: null }],
    ['#settings', { page: 'settings', editing: null }],
    ['#/integrations/new', { page: 'integrations', editing: 'new' }],
    ['#/integrations/AbC_12-x', { page: 'integrations', editing: 'AbC_12-x' }],
    ['#/integrations/../../etc', { page: 'integrations', editing: null }],
    ['#/log/abc', { page: 'log', editing: null }],
    ['#/nowhere', { page: 'integrations', editing: null }],
  ])('%s → %j', (hash, route) => {
    expect(routeFromHash(hash)).toEqual(route);
  });

  it.each([
    [{ page: 'incidents', editing: null }, '#/incidents'],
    [{ page: 'integrations', editing: 'new' }, '#/integrations/new'],
  ] as const)('%j ⇄ %s', (route, hash) => {
    expect(hashOf(route)).toBe(hash);
    expect(sameRoute(routeFromHash(hash), route)).toBe(true);
  });

  it('routes differ by page or by the integration being edited', () => {
    expect(sameRoute({ page: 'log', editing: null }, { page: 'incidents', editing: null })).toBe(false);
    expect(sameRoute({ page: 'integrations', editing: 'a' }, { page: 'integrations', editing: 'b' })).toBe(false);
  });
});
