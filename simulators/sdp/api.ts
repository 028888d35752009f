import { z } from 'zod';
import { applyListInfo, ListInfoIn } from './search';
import type { Edition, SimMetadata, SimUser } from './seed';
import { OK } from './respond';
import { checkFieldsRequired, listRow, requestSearchable } from './request-fields';
import {
  REQUEST_FIELDS,
  NoteIn,
  RequestIn,
  ResolutionIn,
  SimApiError,
  noteToWire,
  parseInputData,
  requestToWire,
  type RequestStore,
} from './store';

export interface ApiResult {
  status: number;
  body: unknown;
}

export type ApiRouter = (method: string, rest: string, input: unknown) => ApiResult;

/**
 * The SDP v3 resources, given the path after the API base (`requests/123/notes`) and the parsed
 * `input_data`. `portals-root` is the cloud's portal list, which lives outside any portal.
 */
export function createApiRouter(edition: Edition, store: RequestStore, meta: SimMetadata): ApiRouter {
  const success = (payload: Record<string, unknown>, list = false): Record<string, unknown> => ({
    ...payload,
    response_status: list && edition === 'cloud' ? [OK] : OK,
  });

  const readListInfo = (input: unknown, defaults: { row_count: number }): z.output<typeof ListInfoIn> => {
    if (input === undefined) return defaults;
    const wrapped = parseInputData(z.strictObject({ list_info: ListInfoIn }), input, '');
    return { ...defaults, ...wrapped.list_info };
  };

  const metaList = (key: string, items: Record<string, unknown>[], input: unknown): ApiResult => {
    const info = readListInfo(input, { row_count: 10 });
    const known = new Set(items.flatMap((i) => Object.keys(i)));
    const page = applyListInfo(items, info, { knownFields: known });
    return { status: 200, body: success({ [key]: page.rows, list_info: page.listInfo }, true) };
  };

  const userWire = (u: SimUser): Record<string, unknown> => ({ ...u });

  return (method: string, rest: string, input: unknown): ApiResult => {
    const actor = meta.apiUser;
    let m: RegExpExecArray | null;
    if (rest === 'requests' && method === 'GET') {
      const info = readListInfo(input, { row_count: 10 });
      const full = store.all().map((r) => requestToWire(store, r));
      checkFieldsRequired(info.fields_required, meta);
      const page = applyListInfo(full, info, {
        knownFields: new Set(REQUEST_FIELDS),
        searchable: requestSearchable(meta),
        sortable: true,
      });
      const rows = page.rows.map((r) => listRow(r, info.fields_required));
      return { status: 200, body: success({ requests: rows, list_info: page.listInfo }, true) };
    }
    if (rest === 'requests' && method === 'POST') {
      const body = parseInputData(z.strictObject({ request: RequestIn }), input ?? {}, '');
      const r = store.create(body.request, actor);
      return { status: edition === 'cloud' ? 201 : 200, body: success({ request: requestToWire(store, r) }) };
    }
    if (rest === 'requests/_metainfo' && method === 'GET') {
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
        status: 200,
        body: success({
          metainfo: {
            fields: {
              subject: { type: 'string' },
              description: { type: 'html' },
              priority: { type: 'lookup', lookup_entity: 'priority' },
              status: { type: 'lookup', lookup_entity: 'status' },
              technician: { type: 'lookup', lookup_entity: 'technician' },
              requester: { type: 'lookup', lookup_entity: 'user' },
              udf_fields: { fields: udfFields },
            },
          },
        }),
      };
    }
    if ((m = /^requests\/(\d+)$/.exec(rest))) {
      const id = m[1]!;
      if (method === 'GET') return { status: 200, body: success({ request: requestToWire(store, store.get(id)) }) };
      if (method === 'PUT') {
        const body = parseInputData(z.strictObject({ request: RequestIn }), input ?? {}, '');
        return { status: 200, body: success({ request: requestToWire(store, store.update(id, body.request, actor)) }) };
      }
      if (method === 'DELETE') {
        store.delete(id);
        return { status: 200, body: success({}) };
      }
    }
    if ((m = /^requests\/(\d+)\/notes$/.exec(rest))) {
      const id = m[1]!;
      if (method === 'POST') {
        const body = parseInputData(z.strictObject({ request_note: NoteIn }), input ?? {}, '');
        return {
          status: 200,
          body: success({ request_note: noteToWire(store.addNote(id, body.request_note, actor)) }),
        };
      }
      if (method === 'GET') {
        const notes = store.get(id).notes.map(noteToWire);
        const info = readListInfo(input, { row_count: 10 });
        const page = applyListInfo(notes, info, { knownFields: new Set(Object.keys(notes[0] ?? {})) });
        return { status: 200, body: success({ notes: page.rows, list_info: page.listInfo }, true) };
      }
    }
    if ((m = /^requests\/(\d+)\/notes\/(\d+)$/.exec(rest)) && method === 'GET') {
      const note = store.get(m[1]!).notes.find((n) => n.id === m![2]);
      if (!note) throw new SimApiError(404, 4007, 'Invalid URL or resource not found');
      return { status: 200, body: success({ request_note: noteToWire(note) }) };
    }
    if ((m = /^requests\/(\d+)\/resolutions$/.exec(rest))) {
      const id = m[1]!;
      if (method === 'POST') {
        const body = parseInputData(z.strictObject({ resolution: ResolutionIn }), input ?? {}, '');
        store.setResolution(id, body.resolution.content, actor);
        return { status: 200, body: success({}) };
      }
      if (method === 'GET') {
        const wire = requestToWire(store, store.get(id));
        return { status: 200, body: success({ resolution: wire.resolution ?? { content: null } }) };
      }
    }
    if ((m = /^requests\/(\d+)\/close$/.exec(rest)) && method === 'PUT') {
      const body = parseInputData(
        z.strictObject({ request: z.strictObject({ closure_info: RequestIn.shape.closure_info }) }),
        input ?? { request: {} },
        '',
      );
      store.close(m[1]!, body.request.closure_info, actor);
      return {
        status: 200,
        body: {
          response_status: {
            ...OK,
            messages: [{ status_code: 2000, type: 'success', message: 'Request(s) closed successfully.' }],
          },
        },
      };
    }
    if (method === 'GET') {
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
      if ((m = /^request_templates\/(\d+)$/.exec(rest))) {
        const t = meta.templates.find((x) => x.id === m![1]);
        if (!t) throw new SimApiError(404, 4007, 'Invalid URL or resource not found');
        const { mandatory, ...rest2 } = t;
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
        return {
          status: 200,
          body: success({
            request_template: {
              ...rest2,
              layouts: [
                {
                  name: 'Default Layout',
                  sections: [
                    {
                      name: 'Request Details',
                      fields: fields.map((name) => ({ name, mandatory: mandatory.includes(name) })),
                    },
                  ],
                },
              ],
            },
          }),
        };
      }
      const lists: Record<string, () => Record<string, unknown>[]> = {
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
      const list = lists[rest];
      if (list) return metaList(rest, list(), input);
    }
    throw new SimApiError(404, 4007, 'Invalid URL or resource not found');
  };
}
