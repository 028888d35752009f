/** A row of checkbox chips: which of `values` a filter keeps (none checked keeps all). */
export function ChipGroup<T extends string>(props: {
  legend: string;
  values: readonly T[];
  chosen: readonly T[];
  label: (value: T) => string;
  onToggle: (value: T) => void;
}) {
  return (
    <fieldset className="chips">
      <legend>{props.legend}</legend>
      {props.values.map((v) => (
        <label key={v} className="chip">
          <input type="checkbox" checked={props.chosen.includes(v)} onChange={() => props.onToggle(v)} />
          {props.label(v)}
        </label>
      ))}
    </fieldset>
  );
}
