import { createContext, useContext } from 'react';
import type { Backend, FlashdutyMetadataView, SdpMetadataView } from '../../../shared/common/contract';
import type { FormModel } from '../lib/form-model';
import { messagesFor, type PlacedProblem } from '../lib/problems';
import type { Loadable } from '../store';

export interface EditorApi {
  backend: Backend;
  form: FormModel;
  /** The saved integration's ID; null until the first save. */
  savedId: string | null;
  /** Bumps on every save, so views derived from the stored config reload. */
  savedVersion: number;
  /** True while the form differs from what is stored. */
  dirty: boolean;
  update(patch: Partial<FormModel>): void;
  change(fn: (form: FormModel) => FormModel): void;
  problems: readonly PlacedProblem[];
  sdpMeta: Loadable<SdpMetadataView> | null;
  fdMeta: Loadable<FlashdutyMetadataView> | null;
  reloadMeta(): void;
  /** Saves when needed (new or changed) and resolves to the saved ID, or null when the form has problems. */
  ensureSaved(): Promise<string | null>;
  /**
   * The integration's ID for storing a secret: a saved one is left exactly as stored (other
   * unsaved edits stay unsaved); a new one is saved first, as a draft that writes nothing.
   */
  ensureId(): Promise<string | null>;
}

export const EditorContext = createContext<EditorApi | null>(null);

export function useEditor(): EditorApi {
  const api = useContext(EditorContext);
  if (!api) throw new Error('useEditor outside the integration editor');
  return api;
}

export function errorsOf(api: Pick<EditorApi, 'problems'>, field: string): string[] {
  return messagesFor(api.problems, field);
}
