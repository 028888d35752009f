import type { Emit } from './events';
import type { CustomActionInput, FlashdutySimulator } from './index';
import { KEY_OWNERS } from './seed';
import { renderIncident, type AlertIncidentInput, type IncidentStore, type SimEvent, type SimIncident } from './store';

/**
 * What people do in Flashduty's console, for tests and the demo. Responders default to Bob, not the
 * app key's user (Alice), so the app can tell a human's change from its own. Snoozes lapse lazily:
 * whenever anyone looks, as if a timer had fired.
 */
export function createConsole(store: IncidentStore, emit: Emit) {
  const tick = (): void => void emit(store.expireSnoozes());
  const responder = (personId: string | undefined): string => personId ?? KEY_OWNERS.readOnly;
  const act = (run: () => SimEvent[]): void => {
    tick();
    emit(run());
  };
  return {
    createIncident(input: AlertIncidentInput): SimIncident {
      tick();
      const { incident, events } = store.createFromAlert(input);
      emit(events);
      return incident;
    },
    incident(id: string): SimIncident {
      tick();
      return store.get(id);
    },
    incidents(): SimIncident[] {
      tick();
      return store.all();
    },
    renderIncident(id: string): Record<string, unknown> {
      tick();
      return renderIncident(store.get(id));
    },
    ack: (id, personId) => act(() => store.ack([id], responder(personId))),
    unack: (id, personId) => act(() => store.unack([id], responder(personId))),
    snooze: (id, minutes, personId) => act(() => store.snooze([id], minutes, responder(personId))),
    wake: (id, personId) => act(() => store.wake([id], responder(personId))),
    resolve: (id, detail = {}, personId) => act(() => store.resolve([id], detail, responder(personId))),
    reopen: (id, personId) => act(() => store.reopen([id], undefined, responder(personId))),
    comment: (id, text, personId) => act(() => store.comment([id], text, false, responder(personId))),
    reset: (id, input, personId) => act(() => store.reset(id, input, responder(personId))),
    setField: (id, name, value, personId) => act(() => store.resetField(id, name, value, responder(personId))),
    fireCustomAction(input: CustomActionInput): string {
      tick();
      const event = store.customAction(input.incidentId, input.personId ?? KEY_OWNERS.readOnly);
      return emit([event], { customActionTarget: input })[0]!;
    },
  } satisfies Partial<FlashdutySimulator>;
}
