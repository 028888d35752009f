import { UDF_TYPES, type UdfType } from '../../../shared/common/config';
import type { SdpMetadataView } from '../../../shared/common/contract';
import { ErrorList } from '../components/Field';
import type { CustomFieldRow } from '../lib/form-model';
import { t } from '../i18n';
import { errorsOf, useEditor } from './context';
import { TableHead } from '../components/TableHead';
import { RemoveRowButton } from './fields';

type Udfs = SdpMetadataView['udfs'];
type SetRow = (patch: Partial<CustomFieldRow>) => void;

function SourceCell({ row, index, set }: { row: CustomFieldRow; index: number; set: SetRow }) {
  return (
    <td>
      <select
        aria-label={t('sourceKindN', { n: index + 1 })}
        value={row.sourceKind}
        onChange={(e) => set({ sourceKind: e.target.value as CustomFieldRow['sourceKind'] })}
      >
        <option value="label">{t('sourceLabel')}</option>
        <option value="custom_field">{t('sourceCustomField')}</option>
      </select>
      <input
        aria-label={t('sourceN', { n: index + 1 })}
        list="fd-fields"
        value={row.source}
        onChange={(e) => set({ source: e.target.value })}
      />
    </td>
  );
}

/** SDP's text fields to pick from; a stored field SDP does not offer as text stays listed, so it can be seen. */
function UdfPicker({ row, index, set, textUdfs }: { row: CustomFieldRow; index: number; set: SetRow; textUdfs: Udfs }) {
  const offered =
    textUdfs.some((u) => u.key === row.udfKey) || row.udfKey === ''
      ? textUdfs
      : [...textUdfs, { key: row.udfKey, displayName: row.udfKey, type: row.udfType, isText: false }];
  return (
    <select
      aria-label={t('sdpFieldN', { n: index + 1 })}
      value={row.udfKey}
      onChange={(e) => {
        const udf = offered.find((u) => u.key === e.target.value);
        set({ udfKey: e.target.value, udfType: udf?.type ?? row.udfType });
      }}
    >
      <option value="">{t('pickField')}</option>
      {offered.map((u) => (
        <option key={u.key} value={u.key}>{`${u.displayName} (${u.key}) — ${t(`udf_${u.type}`)}`}</option>
      ))}
    </select>
  );
}

/** Without SDP's fields: the key and its type, typed by hand. */
function UdfTyped({ row, index, set }: { row: CustomFieldRow; index: number; set: SetRow }) {
  return (
    <>
      <input
        aria-label={t('sdpFieldN', { n: index + 1 })}
        placeholder="udf_sline_301"
        value={row.udfKey}
        onChange={(e) => set({ udfKey: e.target.value })}
      />
      <select
        aria-label={t('sdpFieldTypeN', { n: index + 1 })}
        value={row.udfType}
        onChange={(e) => set({ udfType: e.target.value as UdfType })}
      >
        {UDF_TYPES.map((u) => (
          <option key={u} value={u}>
            {t(`udf_${u}`)}
          </option>
        ))}
      </select>
    </>
  );
}

function CustomFieldRowEditor({ row, index, textUdfs }: { row: CustomFieldRow; index: number; textUdfs: Udfs }) {
  const api = useEditor();
  const set: SetRow = (patch) =>
    api.change((f) => ({ ...f, customFields: f.customFields.map((r, j) => (j === index ? { ...r, ...patch } : r)) }));
  const id = `cf-${index}`;
  const errors = ['source', 'udfKey', 'udfType'].flatMap((k) => errorsOf(api, `customFields[${index}].${k}`));
  return (
    <tr data-testid={id}>
      <SourceCell row={row} index={index} set={set} />
      <td>
        {textUdfs.length > 0 ? (
          <UdfPicker row={row} index={index} set={set} textUdfs={textUdfs} />
        ) : (
          <UdfTyped row={row} index={index} set={set} />
        )}
        <ErrorList id={id} errors={errors} />
      </td>
      <RemoveRowButton
        label={t('removeRowN', { n: index + 1 })}
        onRemove={() => api.change((f) => ({ ...f, customFields: f.customFields.filter((_, j) => j !== index) }))}
      />
    </tr>
  );
}

/** Labels and custom fields → SDP text fields, one row each. */
export function CustomFieldTable({ textUdfs }: { textUdfs: Udfs }) {
  const api = useEditor();
  const blank: CustomFieldRow = { sourceKind: 'label', source: '', udfKey: '', udfType: 'single_line' };
  return (
    <>
      <table className="table compact" aria-label={t('groupCustomFields')}>
        <TableHead columns={[t('flashdutySource'), t('sdpField')]} actions />
        <tbody>
          {api.form.customFields.map((row, i) => (
            <CustomFieldRowEditor key={i} row={row} index={i} textUdfs={textUdfs} />
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="secondary"
        onClick={() => api.change((f) => ({ ...f, customFields: [...f.customFields, blank] }))}
      >
        {t('addMapping')}
      </button>
    </>
  );
}
