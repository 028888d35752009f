import {
  DEFAULT_FLASHDUTY_TO_SDP_STATUS,
  DEFAULT_SNOOZE_MINUTES,
  INCIDENT_STATES,
  type IncidentState,
} from '../../../shared/common/config';
import { controlProps, Field } from '../components/Field';
import { seedFlashdutyToSdp, seedSdpToFlashduty } from '../lib/form-model';
import { duplicateRows } from '../lib/table-problems';
import { t } from '../i18n';
import { errorsOf, useEditor } from './context';
import { Datalist, Group, NO_SDP, ready, TextField } from './fields';
import { MappingTable } from './MappingTable';

/** SDP status → Flashduty state, flagging repeats and statuses this SDP does not have. */
function SdpToFlashdutyTable() {
  const api = useEditor();
  const { form } = api;
  const statuses = ready(api.sdpMeta, NO_SDP).statuses;
  const dups = new Set(duplicateRows(form.sdpToFlashduty, (r) => r.status));
  const known = new Set(statuses.map((s) => s.name.toLowerCase()));
  const unmapped = statuses.filter(
    (s) => !form.sdpToFlashduty.some((r) => r.status.trim().toLowerCase() === s.name.toLowerCase()),
  );
  return (
    <MappingTable
      field="sdpToFlashduty"
      name={t('groupSdpToFd')}
      testId="sdp-to-fd"
      columns={[
        {
          key: 'status',
          header: 'sdpStatus',
          label: 'sdpStatusN',
          list: 'sdp-statuses',
          errors: (r, i) => [
            ...errorsOf(api, `sdpToFlashduty[${i}]`),
            ...(dups.has(i) ? [t('duplicateStatus', { status: r.status })] : []),
          ],
          note: (r) =>
            statuses.length > 0 && r.status.trim() !== '' && !known.has(r.status.trim().toLowerCase()) ? (
              <p className="hint warn-text">{t('statusNotInSdp')}</p>
            ) : null,
        },
        {
          key: 'state',
          header: 'fdState',
          label: 'fdStateN',
          options: INCIDENT_STATES.map((s) => ({ value: s, label: t(`state_fd_${s}`) })),
        },
      ]}
      blank={{ status: '', state: 'Processing' }}
      note={
        unmapped.length > 0 ? (
          <p className="hint">{t('unmappedStatuses', { list: unmapped.map((s) => s.name).join(', ') })}</p>
        ) : null
      }
      actions={
        <ResetButton onReset={() => api.update({ sdpToFlashduty: seedSdpToFlashduty() })} testId="reset-sdp-to-fd" />
      }
    />
  );
}

function ResetButton({ onReset, testId }: { onReset: () => void; testId: string }) {
  return (
    <button type="button" className="secondary" onClick={onReset} data-testid={testId}>
      {t('resetDefaults')}
    </button>
  );
}

/** Flashduty state → SDP status, one box each, saying when this SDP's own status stands in for the table's. */
function FlashdutyToSdpFields() {
  const api = useEditor();
  const { form } = api;
  const { statuses, statusDefaults } = ready(api.sdpMeta, NO_SDP);
  const known = new Set(statuses.map((s) => s.name.toLowerCase()));
  // The sync's own rule (shared/node/sync/status.ts sdpStatusFor): a documented name this SDP lacks gives way to its
  // flag-chosen status.
  const instancePick = (s: IncidentState): string | null => {
    const value = form.flashdutyToSdp[s].trim();
    const pick = statusDefaults[s];
    return statuses.length > 0 &&
      pick !== null &&
      value === DEFAULT_FLASHDUTY_TO_SDP_STATUS[s] &&
      !known.has(value.toLowerCase())
      ? pick
      : null;
  };
  return (
    <div className="field-grid">
      {INCIDENT_STATES.map((s) => {
        const id = `f-flashdutyToSdp-${s}`;
        const errors = errorsOf(api, `flashdutyToSdp.${s}`);
        const pick = instancePick(s);
        return (
          <Field key={s} id={id} label={t(`state_fd_${s}`)} errors={errors}>
            <input
              {...controlProps(id, errors)}
              list="sdp-statuses"
              value={form.flashdutyToSdp[s]}
              onChange={(e) => api.update({ flashdutyToSdp: { ...form.flashdutyToSdp, [s]: e.target.value } })}
            />
            {pick !== null ? (
              <p className="hint" data-testid={`status-from-instance-${s}`}>
                {t('statusFromInstance', { status: form.flashdutyToSdp[s], pick })}
              </p>
            ) : null}
          </Field>
        );
      })}
    </div>
  );
}

export function StatusSection() {
  const api = useEditor();
  return (
    <div className="section-body">
      <Datalist id="sdp-statuses" values={ready(api.sdpMeta, NO_SDP).statuses.map((s) => s.name)} />
      <Group title={t('groupSdpToFd')} hint={t('sdpToFdHint')}>
        <SdpToFlashdutyTable />
      </Group>
      <Group title={t('groupFdToSdp')} hint={t('fdToSdpHint')}>
        <FlashdutyToSdpFields />
        <ResetButton onReset={() => api.update({ flashdutyToSdp: seedFlashdutyToSdp() })} testId="reset-fd-to-sdp" />
      </Group>
      <Group title={t('groupSnooze')}>
        <TextField
          name="snoozeMinutes"
          label="snoozeMinutes"
          hint="snoozeMinutesHint"
          type="number"
          placeholder={String(DEFAULT_SNOOZE_MINUTES)}
        />
      </Group>
    </div>
  );
}
