import { z } from 'zod';
import { apiReplies, type ApiRoutes } from './api-reply';
import { OK } from './respond';
import { applyListInfo } from './search';
import type { Edition, SimMetadata } from './seed';
import { checkFieldsRequired, listRow, requestSearchable } from './request-fields';
import { NoteIn, RequestIn, ResolutionIn, parseInputData } from './request-input';
import { REQUEST_FIELDS, noteToWire, requestToWire } from './request-wire';
import { SimApiError, type RequestStore } from './store';

/** `requests`: list, create, read, update, delete, close. Writes act as the API key's technician. */
export function requestRoutes(edition: Edition, store: RequestStore, meta: SimMetadata): ApiRoutes {
  const { success, readListInfo } = apiReplies(edition);
  return (method, rest, input) => {
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
    return undefined;
  };
}

/** What hangs off one request: its notes and its resolution. */
export function requestPartRoutes(edition: Edition, store: RequestStore, meta: SimMetadata): ApiRoutes {
  const { success, readListInfo } = apiReplies(edition);
  return (method, rest, input) => {
    const actor = meta.apiUser;
    let m: RegExpExecArray | null;
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
    return undefined;
  };
}
