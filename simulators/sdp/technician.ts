import { z } from 'zod';
import type { IdGen, SimMetadata, SimUser } from './seed';
import type { RequestIn } from './request-input';
import { noteToWire, requestToWire } from './request-wire';
import { SimApiError, type RequestStore } from './store';

/** What a technician does in SDP's own UI, for tests and the demo: create, edit, note, hire a colleague. */

export const TechnicianChange = z.strictObject({
  subject: z.string().optional(),
  description: z.string().optional(),
  status: z.string().optional(),
  priority: z.string().nullable().optional(),
  technician: z.string().nullable().optional(),
  group: z.string().nullable().optional(),
  udf_fields: z.record(z.string(), z.unknown()).optional(),
  /** Email of the technician making the change; defaults to the first technician. */
  as: z.string().optional(),
});
export type TechnicianChange = z.input<typeof TechnicianChange>;
export const TechnicianCreate = TechnicianChange.extend({
  subject: z.string(),
  requester: z.string().optional(),
  template: z.string().optional(),
});
export type TechnicianCreate = z.input<typeof TechnicianCreate>;

const userRef = (v: string): { email_id: string } | { name: string } =>
  v.includes('@') ? { email_id: v } : { name: v };

const changeToInput = (c: z.output<typeof TechnicianChange>): RequestIn => ({
  ...(c.subject === undefined ? {} : { subject: c.subject }),
  ...(c.description === undefined ? {} : { description: c.description }),
  ...(c.status === undefined ? {} : { status: { name: c.status } }),
  ...(c.priority === undefined ? {} : { priority: c.priority === null ? null : { name: c.priority } }),
  ...(c.technician === undefined ? {} : { technician: c.technician === null ? null : userRef(c.technician) }),
  ...(c.group === undefined ? {} : { group: c.group === null ? null : { name: c.group } }),
  ...(c.udf_fields === undefined ? {} : { udf_fields: c.udf_fields }),
});

export function createTechnicianDesk(store: RequestStore, meta: SimMetadata, ids: IdGen) {
  const technician = (email: string | undefined): SimUser => {
    if (email === undefined) return meta.technicians[0]!;
    const t = meta.technicians.find((u) => u.email_id.toLowerCase() === email.toLowerCase());
    if (!t) throw new SimApiError(400, 4001, `no technician with email ${email}`, 'as');
    return t;
  };
  return {
    createRequest(input: TechnicianCreate): Record<string, unknown> {
      const c = TechnicianCreate.parse(input);
      const r = store.create(
        {
          ...changeToInput(c),
          ...(c.requester === undefined ? {} : { requester: userRef(c.requester) }),
          ...(c.template === undefined ? {} : { template: { name: c.template } }),
        },
        technician(c.as),
      );
      return requestToWire(store, r);
    },
    updateRequest(id: string, change: TechnicianChange): Record<string, unknown> {
      const c = TechnicianChange.parse(change);
      return requestToWire(store, store.update(id, changeToInput(c), technician(c.as)));
    },
    addNote(id: string, note: { description: string; as?: string }): Record<string, unknown> {
      return noteToWire(
        store.addNote(id, { description: note.description, show_to_requester: false }, technician(note.as)),
      );
    },
    getRequest(id: string): Record<string, unknown> | undefined {
      const r = store.all().find((x) => x.id === id);
      return r ? requestToWire(store, r) : undefined;
    },
    listRequests(): Record<string, unknown>[] {
      return store.all().map((r) => requestToWire(store, r));
    },
    addTechnician(name: string, email: string): void {
      const user = { id: ids.next(), name, email_id: email, is_technician: true, is_vip_user: false };
      meta.technicians.push(user);
      meta.requesters.push(user);
    },
  };
}
