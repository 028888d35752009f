import { apiReplies, type ApiRoutes } from './api-reply';
import type { Edition, SimMetadata, SimTemplate, SimUser } from './seed';
import { SimApiError } from './store';

/** The instance's metadata: `_metainfo`, portals, templates and the lookup lists. */

function metainfo(meta: SimMetadata): Record<string, unknown> {
  const udfFields = Object.fromEntries(
    meta.udfs.map((u) => [
      u.key,
      {
        id: u.id,
        display_name: u.display_name,
        type: u.type,
        field_type: u.field_type,
        ...(u.allowed_values ? { allowed_values: u.allowed_values.map((value) => ({ value })) } : {}),
      },
    ]),
  );
  return {
    fields: {
      subject: { type: 'string' },
      description: { type: 'html' },
      priority: { type: 'lookup', lookup_entity: 'priority' },
      status: { type: 'lookup', lookup_entity: 'status' },
      technician: { type: 'lookup', lookup_entity: 'technician' },
      requester: { type: 'lookup', lookup_entity: 'user' },
      udf_fields: { fields: udfFields },
    },
  };
}

/** One template with its layout, the fields it requires marked `mandatory`. */
function templateDetail(meta: SimMetadata, template: SimTemplate): Record<string, unknown> {
  const { mandatory, ...rest } = template;
  const fields = [
    'subject',
    'requester',
    'description',
    'priority',
    'status',
    'group',
    'technician',
    ...meta.udfs.map((u) => `udf_fields.${u.key}`),
  ];
  const section = {
    name: 'Request Details',
    fields: fields.map((name) => ({ name, mandatory: mandatory.includes(name) })),
  };
  return { ...rest, layouts: [{ name: 'Default Layout', sections: [section] }] };
}

function lookupLists(meta: SimMetadata): Record<string, () => Record<string, unknown>[]> {
  const userWire = (u: SimUser): Record<string, unknown> => ({ ...u });
  return {
    priorities: () => meta.priorities.map((p) => ({ ...p })),
    statuses: () => meta.statuses.map((s) => ({ ...s })),
    technicians: () => meta.technicians.map(userWire),
    support_groups: () => meta.groups.map((g) => ({ ...g, site: null, deleted: false })),
    groups: () => meta.groups.map((g) => ({ ...g, site: null, deleted: false })),
    users: () => meta.requesters.map(userWire),
    requesters: () => meta.requesters.filter((u) => !u.is_technician).map(userWire),
    urgencies: () => meta.urgencies.map((p) => ({ ...p })),
    impacts: () => meta.impacts.map((p) => ({ ...p })),
    categories: () => meta.categories.map((p) => ({ ...p })),
    closure_codes: () => meta.closureCodes.map((p) => ({ ...p })),
  };
}

export function metadataRoutes(edition: Edition, meta: SimMetadata): ApiRoutes {
  const { success, metaList } = apiReplies(edition);
  const lists = lookupLists(meta);
  return (method, rest, input) => {
    if (method !== 'GET') return undefined;
    if (rest === 'requests/_metainfo') return { status: 200, body: success({ metainfo: metainfo(meta) }) };
    // Portal listing lives outside any portal on cloud (`<domain>/api/v3/portals`).
    if (rest === 'portals-root' || (edition === 'onprem' && rest === 'portals')) {
      const items = meta.portals.map((p) =>
        edition === 'cloud'
          ? { id: p.id, name: p.name, app_context: p.app_context }
          : { id: p.id, name: p.name, alias_url: p.alias_url },
      );
      return metaList('portals', items, input);
    }
    if (rest === 'request_templates') {
      return metaList(
        'request_templates',
        meta.templates.map(({ mandatory: _m, ...t }) => t),
        input,
      );
    }
    const m = /^request_templates\/(\d+)$/.exec(rest);
    if (m) {
      const t = meta.templates.find((x) => x.id === m[1]);
      if (!t) throw new SimApiError(404, 4007, 'Invalid URL or resource not found');
      return { status: 200, body: success({ request_template: templateDetail(meta, t) }) };
    }
    const list = lists[rest];
    return list ? metaList(rest, list(), input) : undefined;
  };
}
