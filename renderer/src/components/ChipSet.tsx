import { toggle } from '../lib/filters';

/** A filter of checkbox chips: which of `options` are on, each worded by `label`. */
export function ChipSet<T extends string>({
  legend,
  options,
  checked,
  label,
  onChange,
}: {
  legend: string;
  options: readonly T[];
  checked: readonly T[];
  label: (option: T) => string;
  onChange: (checked: T[]) => void;
}) {
  return (
    <fieldset className="chips">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o} className="chip">
          <input type="checkbox" checked={checked.includes(o)} onChange={() => onChange(toggle(checked, o))} />
          {label(o)}
        </label>
      ))}
    </fieldset>
  );
}
