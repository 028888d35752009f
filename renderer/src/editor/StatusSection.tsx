import { DEFAULT_SNOOZE_MINUTES, INCIDENT_STATES, type IncidentState } from '../../../shared/config';
import type { SdpMetadataView } from '../../../shared/contract';
import { controlProps, ErrorList, Field } from '../components/Field';
import { duplicateRows, seedFlashdutyToSdp, seedSdpToFlashduty } from '../lib/form-model';
import { t } from '../strings';
import { errorsOf, useEditor } from './context';
import { Datalist, Group, ready, TextField } from './fields';

const NO_SDP: SdpMetadataView = { templates: [], priorities: [], statuses: [], technicians: [], groups: [], udfs: [] };

export function StatusSection() {
  const api = useEditor();
  const { form } = api;
  const statuses = ready(api.sdpMeta, NO_SDP).statuses;
  const dups = new Set(duplicateRows(form.sdpToFlashduty, (r) => r.status));
  const known = new Set(statuses.map((s) => s.name.toLowerCase()));
  const setRow = (i: number, patch: Partial<(typeof form.sdpToFlashduty)[number]>): void =>
    api.change((f) => ({ ...f, sdpToFlashduty: f.sdpToFlashduty.map((r, j) => (j === i ? { ...r, ...patch } : r)) }));
  const unmapped = statuses.filter((s) => !form.sdpToFlashduty.some((r) => r.status.trim().toLowerCase() === s.name.toLowerCase()));

  return (
    <div className="section-body">
      <Datalist id="sdp-statuses" values={statuses.map((s) => s.name)} />
      <Group title={t('groupSdpToFd')} hint={t('sdpToFdHint')}>
        <table className="table compact" aria-label={t('groupSdpToFd')} data-testid="sdp-to-fd">
          <thead>
            <tr>
              <th scope="col">{t('sdpStatus')}</th>
              <th scope="col">{t('fdState')}</th>
              <th scope="col"><span className="sr-only">{t('actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {form.sdpToFlashduty.map((r, i) => {
              const errors = [...errorsOf(api, `sdpToFlashduty[${i}]`), ...(dups.has(i) ? [t('duplicateStatus', { status: r.status })] : [])];
              return (
                <tr key={i}>
                  <td>
                    <input aria-label={t('sdpStatusN', { n: i + 1 })} list="sdp-statuses" value={r.status} aria-invalid={errors.length > 0 ? true : undefined} onChange={(e) => setRow(i, { status: e.target.value })} />
                    {statuses.length > 0 && r.status.trim() !== '' && !known.has(r.status.trim().toLowerCase()) ? <p className="hint warn-text">{t('statusNotInSdp')}</p> : null}
                    <ErrorList id={`sdpToFlashduty-${i}`} errors={errors} />
                  </td>
                  <td>
                    <select aria-label={t('fdStateN', { n: i + 1 })} value={r.state} onChange={(e) => setRow(i, { state: e.target.value as IncidentState })}>
                      {INCIDENT_STATES.map((s) => (
                        <option key={s} value={s}>{t(`state_fd_${s}`)}</option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <button type="button" className="secondary small-button" aria-label={t('removeRowN', { n: i + 1 })} onClick={() => api.change((f) => ({ ...f, sdpToFlashduty: f.sdpToFlashduty.filter((_, j) => j !== i) }))}>
                      {t('remove')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {unmapped.length > 0 ? <p className="hint">{t('unmappedStatuses', { list: unmapped.map((s) => s.name).join(', ') })}</p> : null}
        <div className="inline">
          <button type="button" className="secondary" onClick={() => api.change((f) => ({ ...f, sdpToFlashduty: [...f.sdpToFlashduty, { status: '', state: 'Processing' }] }))}>
            {t('addRow')}
          </button>
          <button type="button" className="secondary" onClick={() => api.update({ sdpToFlashduty: seedSdpToFlashduty() })} data-testid="reset-sdp-to-fd">
            {t('resetDefaults')}
          </button>
        </div>
        <ErrorList id="f-sdpToFlashduty" errors={errorsOf(api, 'sdpToFlashduty')} />
      </Group>

      <Group title={t('groupFdToSdp')} hint={t('fdToSdpHint')}>
        <div className="field-grid">
          {INCIDENT_STATES.map((s) => {
            const id = `f-flashdutyToSdp-${s}`;
            const errors = errorsOf(api, `flashdutyToSdp.${s}`);
            return (
              <Field key={s} id={id} label={t(`state_fd_${s}`)} errors={errors}>
                <input {...controlProps(id, errors)} list="sdp-statuses" value={form.flashdutyToSdp[s]} onChange={(e) => api.update({ flashdutyToSdp: { ...form.flashdutyToSdp, [s]: e.target.value } })} />
              </Field>
            );
          })}
        </div>
        <button type="button" className="secondary" onClick={() => api.update({ flashdutyToSdp: seedFlashdutyToSdp() })} data-testid="reset-fd-to-sdp">
          {t('resetDefaults')}
        </button>
      </Group>

      <Group title={t('groupSnooze')}>
        <TextField name="snoozeMinutes" label="snoozeMinutes" hint="snoozeMinutesHint" type="number" placeholder={String(DEFAULT_SNOOZE_MINUTES)} />
      </Group>
    </div>
  );
}
