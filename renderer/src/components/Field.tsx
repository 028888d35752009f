import type { ReactNode } from 'react';

/** Props that tie a control to its label's error list, for screen readers and for tests. */
export function controlProps(id: string, errors: readonly string[]) {
  return {
    id,
    'aria-invalid': errors.length > 0 ? true : undefined,
    'aria-describedby': errors.length > 0 ? `${id}-error` : undefined,
  } as const;
}

export function ErrorList({ id, errors }: { id: string; errors: readonly string[] }) {
  if (errors.length === 0) return null;
  return (
    <ul className="field-errors" id={`${id}-error`} data-testid={`error-${id}`} role="alert">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

export interface FieldProps {
  id: string;
  label: string;
  hint?: string | undefined;
  errors?: readonly string[];
  wide?: boolean;
  children: ReactNode;
}

/** A labelled control with its hint and the validation messages that belong to it, right below. */
export function Field({ id, label, hint, errors = [], wide, children }: FieldProps) {
  return (
    <div className={`field${wide ? ' wide' : ''}${errors.length > 0 ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? <p className="hint">{hint}</p> : null}
      <ErrorList id={id} errors={errors} />
    </div>
  );
}
