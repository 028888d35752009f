import type { ReactNode } from 'react';
import type { SdpMetadataView } from '../../../shared/common/contract';
import { controlProps, Field } from '../components/Field';
import type { FormModel } from '../lib/form-model';
import type { Loadable } from '../store';
import { t, type PlainKey } from '../i18n';
import { renderMessage } from '../i18n/messages';
import { errorsOf, useEditor } from './context';

type TextKey = { [K in keyof FormModel]: FormModel[K] extends string ? K : never }[keyof FormModel];
type BoolKey = { [K in keyof FormModel]: FormModel[K] extends boolean ? K : never }[keyof FormModel];

export interface TextFieldProps {
  name: TextKey;
  label: PlainKey;
  hint?: PlainKey;
  placeholder?: string;
  /** ID of a <datalist> with suggestions from live metadata. */
  list?: string;
  type?: 'text' | 'number' | 'url';
  wide?: boolean;
}

export function TextField({ name, label, hint, placeholder, list, type = 'text', wide }: TextFieldProps) {
  const api = useEditor();
  const id = `f-${name}`;
  const errors = errorsOf(api, name);
  return (
    <Field id={id} label={t(label)} hint={hint ? t(hint) : undefined} errors={errors} wide={wide ?? false}>
      <input
        {...controlProps(id, errors)}
        type={type}
        inputMode={type === 'number' ? 'numeric' : undefined}
        value={api.form[name] as string}
        placeholder={placeholder}
        list={list}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => api.update({ [name]: e.target.value } as Partial<FormModel>)}
      />
    </Field>
  );
}

export interface SelectFieldProps<V extends string> {
  name: TextKey;
  label: PlainKey;
  hint?: PlainKey;
  options: readonly { value: V; label: string }[];
  onPick?: (value: V) => void;
}

export function SelectField<V extends string>({ name, label, hint, options, onPick }: SelectFieldProps<V>) {
  const api = useEditor();
  const id = `f-${name}`;
  const errors = errorsOf(api, name);
  return (
    <Field id={id} label={t(label)} hint={hint ? t(hint) : undefined} errors={errors}>
      <select
        {...controlProps(id, errors)}
        value={api.form[name] as string}
        onChange={(e) =>
          onPick ? onPick(e.target.value as V) : api.update({ [name]: e.target.value } as Partial<FormModel>)
        }
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function CheckField({ name, label, hint }: { name: BoolKey; label: PlainKey; hint?: PlainKey }) {
  const api = useEditor();
  const id = `f-${name}`;
  const errors = errorsOf(api, name);
  return (
    <div className="field check">
      <label htmlFor={id}>
        <input
          {...controlProps(id, errors)}
          type="checkbox"
          checked={api.form[name] as boolean}
          onChange={(e) => api.update({ [name]: e.target.checked } as Partial<FormModel>)}
        />
        {t(label)}
      </label>
      {hint ? <p className="hint">{t(hint)}</p> : null}
      {errors.length > 0 ? (
        <p className="field-errors" id={`${id}-error`} role="alert">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

/** Radio buttons in a fieldset (platform type, trigger mode…): one tab stop, arrow keys to choose. */
export function RadioField<V extends string>({
  name,
  legend,
  options,
}: {
  name: TextKey;
  legend: PlainKey;
  options: readonly { value: V; label: string; hint?: string }[];
}) {
  const api = useEditor();
  const errors = errorsOf(api, name);
  return (
    <fieldset className="field radios">
      <legend>{t(legend)}</legend>
      <div className="radio-row">
        {options.map((o) => (
          <label key={o.value} className={api.form[name] === o.value ? 'radio-card selected' : 'radio-card'}>
            <input
              type="radio"
              name={`f-${name}`}
              value={o.value}
              checked={api.form[name] === o.value}
              onChange={() => api.update({ [name]: o.value } as Partial<FormModel>)}
            />
            <span className="radio-label">{o.label}</span>
            {o.hint ? <span className="hint">{o.hint}</span> : null}
          </label>
        ))}
      </div>
      {errors.length > 0 ? (
        <p className="field-errors" role="alert">
          {errors.join(' ')}
        </p>
      ) : null}
    </fieldset>
  );
}

type MetaProblem = NonNullable<SdpMetadataView['problems']>[number];

/** One list SDP would not give, worded from its reason: why, what to do, and what goes without it. */
function problemText(p: MetaProblem, cloud: boolean): string {
  const forbidden =
    p.scope !== null
      ? { reason: t('metaReason_scope', { scope: p.scope }), fix: t('metaFix_scope', { scope: p.scope }) }
      : cloud
        ? { reason: t('metaReason_forbidden_cloud'), fix: t('metaFix_forbidden_cloud') }
        : { reason: t('metaReason_forbidden_onprem'), fix: t('metaFix_forbidden_onprem') };
  const said =
    p.reason === 'forbidden'
      ? forbidden
      : p.reason === 'not_found'
        ? { reason: t('metaReason_not_found'), fix: t('metaFix_not_found') }
        : { reason: renderMessage(p.error), fix: t('metaFix_other') };
  return `${t('metaListFailed', { endpoint: p.endpoint })} ${said.reason} ${t('fix')}: ${said.fix} ${t(`metaWithout_${p.list}`)}`;
}

/** Loading / error / ready line for one metadata source, with a retry. */
export function MetaStatus({ meta, what }: { meta: Loadable<unknown> | null; what: PlainKey }) {
  const api = useEditor();
  if (meta === null) return <p className="meta-status muted">{t('metaNeedsSave', { what: t(what) })}</p>;
  if (meta.status === 'loading')
    return (
      <p className="meta-status muted" role="status">
        {t('metaLoading', { what: t(what) })}
      </p>
    );
  if (meta.status === 'error') {
    return (
      <p className="meta-status error-text" role="alert">
        {t('metaFailed', { what: t(what) })} {meta.message}{' '}
        <button type="button" className="link-button" onClick={api.reloadMeta}>
          {t('retry')}
        </button>
      </p>
    );
  }
  // Lists load one by one: name each that SDP would not give, and what to do, beside the others.
  const problems = (meta.value as Pick<SdpMetadataView, 'problems'> | null)?.problems ?? [];
  if (problems.length === 0) return null;
  return (
    <ul className="meta-status warn-text" role="alert" data-testid="meta-problems">
      {problems.map((p) => (
        <li key={p.endpoint}>{problemText(p, api.form.platform === 'cloud')}</li>
      ))}
    </ul>
  );
}

export function Datalist({ id, values }: { id: string; values: readonly string[] }) {
  return (
    <datalist id={id}>
      {values.map((v) => (
        <option key={v} value={v} />
      ))}
    </datalist>
  );
}

/** A titled group of settings; `grid` lays its fields out side by side. */
export function Group({
  title,
  children,
  hint,
  grid,
}: {
  title: string;
  hint?: string;
  grid?: boolean;
  children: ReactNode;
}) {
  return (
    <section className="group" aria-label={title}>
      <h3>{title}</h3>
      {hint ? <p className="hint group-hint">{hint}</p> : null}
      <div className="group-body">{grid ? <div className="field-grid">{children}</div> : children}</div>
    </section>
  );
}

/** Ready metadata, or an empty fallback while it loads or fails. */
export function ready<T>(meta: Loadable<T> | null, empty: T): T {
  return meta?.status === 'ready' ? meta.value : empty;
}

type Option = { value: string; label: string };

/**
 * A row's pick list of what the service offers, headed by `none` and keeping a stored value it
 * lacks (flagged elsewhere) so nothing is silently dropped; undefined (free text) while nothing is loaded.
 */
export function offeredOrStored(
  offered: readonly Option[] | null,
  none: PlainKey,
): (value: string) => readonly Option[] | undefined {
  return (value) =>
    offered === null
      ? undefined
      : [
          { value: '', label: t(none) },
          ...offered,
          ...(value === '' || offered.some((o) => o.value === value) ? [] : [{ value, label: value }]),
        ];
}

/** Options for a fixed choice, each labelled by a string key, in the order given. */
export function labelled<V extends string>(labels: Record<V, PlainKey>): { value: V; label: string }[] {
  return (Object.keys(labels) as V[]).map((value) => ({ value, label: t(labels[value]) }));
}

/** Options for a radio choice, each labelled and explained (the line under it) by string keys, in the order given. */
export function hinted<V extends string>(
  keys: Record<V, readonly [label: PlainKey, hint: PlainKey]>,
): { value: V; label: string; hint: string }[] {
  return (Object.keys(keys) as V[]).map((value) => ({ value, label: t(keys[value][0]), hint: t(keys[value][1]) }));
}

/** SDP metadata while it is not loaded: every list empty, no instance status picked. */
export const NO_SDP: SdpMetadataView = {
  templates: [],
  priorities: [],
  statuses: [],
  technicians: [],
  groups: [],
  udfs: [],
  statusDefaults: { Triggered: null, Processing: null, Snoozed: null, Closed: null },
};

/** The last cell of an editable table row; `label` names the row for assistive technology. */
export function RemoveRowButton({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <td>
      <button type="button" className="secondary small-button" aria-label={label} onClick={onRemove}>
        {t('remove')}
      </button>
    </td>
  );
}

/**
 * A choice from live metadata while there is any (the first option, `none`, leaves it empty); a text
 * box otherwise, so the value can still be typed.
 */
export function PickOrTypeField({
  name,
  label,
  none,
  choices,
  hint,
  typedHint,
  placeholder,
}: {
  name: TextFieldProps['name'];
  label: PlainKey;
  none: PlainKey;
  choices: readonly { value: string; label: string }[];
  /** Under the choice, and under the text box unless `typedHint` says otherwise. */
  hint?: PlainKey;
  typedHint?: PlainKey;
  placeholder?: string;
}) {
  return choices.length > 0 ? (
    <SelectField name={name} label={label} hint={hint} options={[{ value: '', label: t(none) }, ...choices]} />
  ) : (
    <TextField name={name} label={label} hint={typedHint ?? hint} placeholder={placeholder} />
  );
}
