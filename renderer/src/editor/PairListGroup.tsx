import { PAIR_LISTS, type PairListId } from '../../../shared/common/config';
import type { SdpMetadataView } from '../../../shared/common/contract';
import { t } from '../i18n';
import { errorsOf, useEditor } from './context';
import { Group, offeredOrStored } from './fields';
import { MappingTable, type MappingRow } from './MappingTable';

/** Free text while the service offers nothing (not loaded, or none of that kind). */
const choice = (offered: { value: string; label: string }[]) =>
  offeredOrStored(offered.length === 0 ? null : offered, 'pickField');

/**
 * One field pair list (see field-pairs.ts): SDP single-line text fields copied to Flashduty text
 * custom fields, both offered from the services' metadata. The list's words are `<id>Title`,
 * `<id>Hint` and `<id>Table`; its table's test ID is the ID in kebab case.
 */
export function PairListGroup<K extends PairListId>({ id, udfs }: { id: K; udfs: SdpMetadataView['udfs'] }) {
  const api = useEditor();
  const { from, to } = PAIR_LISTS[id];
  const fdFields = api.fdMeta?.status === 'ready' ? api.fdMeta.value.fields.filter((f) => f.type === 'text') : [];
  const singleLine = udfs.filter((u) => u.type === 'single_line');
  type Row = MappingRow<K>;
  return (
    <Group title={t(`${id}Title`)} hint={t(`${id}Hint`)}>
      <MappingTable
        field={id}
        name={t(`${id}Table`)}
        testId={id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}
        columns={[
          {
            key: from as keyof Row & string,
            header: 'sdpField',
            label: 'sdpFieldN',
            options: choice(singleLine.map((u) => ({ value: u.key, label: `${u.displayName} (${u.key})` }))),
          },
          {
            key: to as keyof Row & string,
            header: 'fdCustomField',
            label: 'fdCustomFieldN',
            options: choice(fdFields.map((f) => ({ value: f.name, label: `${f.displayName} (${f.name})` }))),
            errors: (_, i) => errorsOf(api, `${id}[${i}]`),
          },
        ]}
        blank={{ [from]: '', [to]: '' } as Row}
        note={
          api.form.direction === 'to_sdp' && api.form[id].length > 0 ? (
            <p className="warn-text small">{t('pairListsOneWay')}</p>
          ) : null
        }
      />
    </Group>
  );
}
