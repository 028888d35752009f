import { SEVERITIES } from '../../../shared/common/config';
import type { IntegrationSummary } from '../../../shared/common/contract';
import { ChipSet } from '../components/ChipSet';
import { TimeRangeFields } from '../components/TimeRangeFields';
import type { IncidentFilter } from '../lib/filters';
import { t } from '../i18n';
import { IntegrationOptions } from '../components/IntegrationOptions';

const PROGRESS = ['Triggered', 'Processing', 'Closed'] as const;

/** Which integration pushes, and which of its incidents are listed. */
export function IncidentFilters(props: {
  list: readonly IntegrationSummary[];
  integrationId: string;
  onPick: (id: string) => void;
  channels: readonly { id: string; name: string }[];
  filter: IncidentFilter;
  set: (patch: Partial<IncidentFilter>) => void;
  reload: () => void;
}) {
  const { filter, set } = props;
  return (
    <div className="filters" role="search" aria-label={t('incidentFilters')}>
      <label>
        <span>{t('pushThrough')}</span>
        <select
          value={props.integrationId}
          onChange={(e) => props.onPick(e.target.value)}
          data-testid="incident-integration"
        >
          <IntegrationOptions list={props.list} />
        </select>
      </label>
      <label>
        <span>{t('filterChannel')}</span>
        <select
          value={filter.channelIds[0] ?? ''}
          onChange={(e) => set({ channelIds: e.target.value === '' ? [] : [e.target.value] })}
        >
          <option value="">{t('all')}</option>
          {props.channels.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <ChipSet
        legend={t('filterProgress')}
        options={PROGRESS}
        checked={filter.progress}
        label={(p) => t(`progress_${p}`)}
        onChange={(progress) => set({ progress })}
      />
      <ChipSet
        legend={t('filterSeverity')}
        options={SEVERITIES}
        checked={filter.severities}
        label={(s) => t(`severity_${s}`)}
        onChange={(severities) => set({ severities })}
      />
      <TimeRangeFields value={filter} onChange={set} />
      <button type="button" className="secondary" onClick={props.reload}>
        {t('refresh')}
      </button>
    </div>
  );
}
