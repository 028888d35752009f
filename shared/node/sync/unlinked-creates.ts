/** More than a burst of creates can leave unlinked at once; the oldest is forgotten first. */
const KEPT = 10_000;

/**
 * Incidents our own creates made that no link names yet. Flashduty's create takes no fields, so an
 * incident made for an SDP request carries no marker until the create's second call writes it, and
 * a poll or webhook that lists it then would take it for an incident of its own (two-way would open
 * a second request for it). Its hints queue behind the creating pass, and a pass over it plans
 * nothing until a link names it: the create's pass links it, or that create's retry does.
 */
export class UnlinkedCreates {
  private readonly keys = new Map<string, string>();

  /** Called as soon as Flashduty answers the create: `key` is the creating pass's queue key. */
  add(incidentId: string, key: string): void {
    this.keys.delete(incidentId);
    this.keys.set(incidentId, key);
    if (this.keys.size > KEPT) this.keys.delete(this.keys.keys().next().value!);
  }

  /** The queue key an incident's hints wait on while its create is unlinked. */
  keyOf(incidentId: string): string | undefined {
    return this.keys.get(incidentId);
  }

  /** True while the incident is ours and still unlinked; forgotten once a link names it. */
  holds(incidentId: string, linked: () => boolean): boolean {
    if (!this.keys.has(incidentId)) return false;
    if (!linked()) return true;
    this.keys.delete(incidentId);
    return false;
  }
}
