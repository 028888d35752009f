import type { SdpMetadataView } from '../../../shared/common/contract';
import { t } from '../i18n';
import { errorsOf, useEditor } from './context';
import { Group } from './fields';
import { MappingTable } from './MappingTable';

type Option = { value: string; label: string };

/** A pick list of what the service offers, keeping a stored value it lacks; free text while nothing is loaded. */
const choice =
  (offered: readonly Option[]) =>
  (value: string): readonly Option[] | undefined =>
    offered.length === 0
      ? undefined
      : [
          { value: '', label: t('pickField') },
          ...offered,
          ...(value === '' || offered.some((o) => o.value === value) ? [] : [{ value, label: value }]),
        ];

/** SDP single-line text fields copied to Flashduty text custom fields (SDP → Flashduty only). */
export function UdfFieldsGroup({ udfs }: { udfs: SdpMetadataView['udfs'] }) {
  const api = useEditor();
  const fdFields = api.fdMeta?.status === 'ready' ? api.fdMeta.value.fields.filter((f) => f.type === 'text') : [];
  const singleLine = udfs.filter((u) => u.type === 'single_line');
  return (
    <Group title={t('groupUdfFields')} hint={t('udfFieldsHint')}>
      <MappingTable
        field="udfFields"
        name={t('udfFieldsTable')}
        testId="udf-fields"
        columns={[
          {
            key: 'udfKey',
            header: 'sdpField',
            label: 'sdpFieldN',
            options: choice(singleLine.map((u) => ({ value: u.key, label: `${u.displayName} (${u.key})` }))),
          },
          {
            key: 'field',
            header: 'fdCustomField',
            label: 'fdCustomFieldN',
            options: choice(fdFields.map((f) => ({ value: f.name, label: `${f.displayName} (${f.name})` }))),
            errors: (_, i) => errorsOf(api, `udfFields[${i}]`),
          },
        ]}
        blank={{ udfKey: '', field: '' }}
        note={
          api.form.direction === 'to_sdp' && api.form.udfFields.length > 0 ? (
            <p className="warn-text small">{t('udfFieldsOneWay')}</p>
          ) : null
        }
      />
    </Group>
  );
}
