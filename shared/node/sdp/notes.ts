import { z } from 'zod';
import type { SdpCaller } from './caller';
import { MAX_ROW_COUNT, invalidInput, requestId, type AddNoteInput } from './inputs';
import { WireListInfo, WireNote, type SdpNote } from './wire';

/** A request's notes: where comments cross over from Flashduty, and where SDP's come from. */

const NoteEnvelope = z
  .looseObject({ request_note: WireNote.optional(), note: WireNote.optional() })
  .refine((b) => b.request_note !== undefined || b.note !== undefined, 'no request_note in the response');
// No public recorded response shows the key of the note list
// (sdpod-v3-api/requests/request_note.html#get-list-request-note): accept both.
const NoteList = z.looseObject({
  notes: z.array(WireNote).optional(),
  request_notes: z.array(WireNote).optional(),
  list_info: WireListInfo,
});

export function createNoteCalls({ base, call }: SdpCaller) {
  return {
    async addNote(id: string, note: AddNoteInput): Promise<SdpNote> {
      if (note.description.trim() === '') throw invalidInput('A note needs some text.', ['description']);
      const body = await call('POST', `${base}/requests/${requestId(id)}/notes`, NoteEnvelope, {
        request_note: {
          description: note.description,
          show_to_requester: note.showToRequester ?? false,
          notify_technician: note.notifyTechnician ?? false,
          mark_first_response: note.markFirstResponse ?? false,
          add_to_linked_requests: false,
        },
      });
      return (body.request_note ?? body.note)!;
    },

    async listNotes(id: string): Promise<SdpNote[]> {
      const notes: SdpNote[] = [];
      for (let start = 1; ;) {
        const body = await call('GET', `${base}/requests/${requestId(id)}/notes`, NoteList, {
          list_info: { row_count: MAX_ROW_COUNT, start_index: start },
        });
        const rows = body.notes ?? body.request_notes ?? [];
        notes.push(...rows);
        if (!body.list_info?.has_more_rows || rows.length === 0) return notes;
        start += rows.length;
      }
    },
  };
}
