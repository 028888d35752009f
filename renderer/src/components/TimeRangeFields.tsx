import { TIME_RANGES, type TimeRange } from '../lib/filters';
import { t } from '../i18n';

export interface TimeRangeValue {
  range: TimeRange;
  customFrom: string;
  customTo: string;
}

/** The time filter shared by the sync log and the incidents list: a preset, or a custom from–to. */
export function TimeRangeFields({
  value,
  onChange,
}: {
  value: TimeRangeValue;
  onChange: (patch: Partial<TimeRangeValue>) => void;
}) {
  return (
    <>
      <label>
        <span>{t('filterTime')}</span>
        <select value={value.range} onChange={(e) => onChange({ range: e.target.value as TimeRange })}>
          {TIME_RANGES.map((r) => (
            <option key={r} value={r}>
              {t(`range_${r}`)}
            </option>
          ))}
        </select>
      </label>
      {value.range === 'custom' ? (
        <>
          <label>
            <span>{t('rangeFrom')}</span>
            <input
              type="datetime-local"
              value={value.customFrom}
              onChange={(e) => onChange({ customFrom: e.target.value })}
            />
          </label>
          <label>
            <span>{t('rangeTo')}</span>
            <input
              type="datetime-local"
              value={value.customTo}
              onChange={(e) => onChange({ customTo: e.target.value })}
            />
          </label>
        </>
      ) : null}
    </>
  );
}
