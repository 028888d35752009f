import type { ReactNode } from 'react';
import type { PairListId } from '../../../shared/common/config';
import { ErrorList } from '../components/Field';
import type { FormModel } from '../lib/form-model';
import { t, type KeyWith, type PlainKey } from '../i18n';
import { errorsOf, useEditor } from './context';
import { RemoveRowButton, TableHead } from './fields';

/** The form's two-column tables: severity ↔ priority, SDP status → Flashduty state, SDP field → custom field lists. */
export type MappingKey = 'toPriority' | 'toSeverity' | 'sdpToFlashduty' | PairListId;
export type MappingRow<K extends MappingKey> = FormModel[K][number];

export interface MappingColumn<R> {
  key: keyof R & string;
  header: PlainKey;
  /** Per-row label with an `{n}` placeholder; the table's name is put in front of it. */
  label: KeyWith<'n'>;
  /** A <datalist> of suggestions for a free-text cell. */
  list?: string;
  /**
   * A fixed choice, rendered as a <select> instead of a text box; a function gives each row its own (undefined: free
   * text).
   */
  options?:
    | readonly { value: string; label: string }[]
    | ((value: string) => readonly { value: string; label: string }[] | undefined);
  /** Problems with the row, listed under this cell. */
  errors?: (row: R, index: number) => string[];
  /** Advice under this cell that is not an error. */
  note?: (row: R) => ReactNode;
}

export interface MappingTableProps<K extends MappingKey> {
  field: K;
  /** Names the table for assistive technology and prefixes every row control's label. */
  name: string;
  caption?: boolean;
  testId?: string;
  columns: readonly [MappingColumn<MappingRow<K>>, MappingColumn<MappingRow<K>>];
  blank: MappingRow<K>;
  /** Shown between the table and its buttons. */
  note?: ReactNode;
  /** Buttons next to "Add row". */
  actions?: ReactNode;
}

/** One cell: a choice when the column has options for the row, else a text box; notes and problems below it. */
function MappingCell<R>({
  col,
  row,
  id,
  label,
  errors,
  onChange,
}: {
  col: MappingColumn<R>;
  row: R;
  id: string;
  label: string;
  /** Null: the column lists no problems. */
  errors: string[] | null;
  onChange: (value: string) => void;
}) {
  const options = typeof col.options === 'function' ? col.options(row[col.key] as string) : col.options;
  const control = {
    'aria-label': label,
    'aria-invalid': errors !== null && errors.length > 0 ? true : undefined,
    value: row[col.key] as string,
  };
  return (
    <td>
      {options ? (
        <select {...control} onChange={(e) => onChange(e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input {...control} list={col.list} onChange={(e) => onChange(e.target.value)} />
      )}
      {col.note?.(row)}
      {errors !== null ? <ErrorList id={id} errors={errors} /> : null}
    </td>
  );
}

export function MappingTable<K extends MappingKey>({
  field,
  name,
  caption,
  testId,
  columns,
  blank,
  note,
  actions,
}: MappingTableProps<K>) {
  const api = useEditor();
  type Row = MappingRow<K>;
  const rows = api.form[field] as readonly Row[];
  const setRows = (fn: (rows: readonly Row[]) => Row[]): void =>
    api.change((f) => ({ ...f, [field]: fn(f[field] as readonly Row[]) }));
  const setCell = (index: number, key: keyof Row & string, value: string): void =>
    setRows((rs) => rs.map((r, j) => (j === index ? { ...r, [key]: value } : r)));
  const rowLabel = (key: KeyWith<'n'>, n: number): string => `${name}: ${t(key, { n })}`;

  return (
    <>
      <table className="table compact" aria-label={name} data-testid={testId}>
        {caption ? <caption>{name}</caption> : null}
        <TableHead columns={columns.map((col) => t(col.header))} />
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {columns.map((col) => (
                <MappingCell
                  key={col.key}
                  col={col}
                  row={row}
                  id={`${field}-${i}`}
                  label={rowLabel(col.label, i + 1)}
                  errors={col.errors?.(row, i) ?? null}
                  onChange={(value) => setCell(i, col.key, value)}
                />
              ))}
              <RemoveRowButton
                label={rowLabel('removeRowN', i + 1)}
                onRemove={() => setRows((rs) => rs.filter((_, j) => j !== i))}
              />
            </tr>
          ))}
        </tbody>
      </table>
      {note}
      <div className="inline">
        <button type="button" className="secondary" onClick={() => setRows((rs) => [...rs, blank])}>
          {t('addRow')}
        </button>
        {actions}
      </div>
      <ErrorList id={`f-${field}`} errors={errorsOf(api, field)} />
    </>
  );
}
