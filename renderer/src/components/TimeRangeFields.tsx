import { TIME_RANGES, type TimeRange } from '../lib/filters';
import { t } from '../i18n';

export interface TimeRangeValue {
  range: TimeRange;
  customFrom: string;
  customTo: string;
}

/** A custom range's two ends: the value each edits, and its label. */
const CUSTOM_BOUNDS = [
  ['customFrom', 'rangeFrom'],
  ['customTo', 'rangeTo'],
] as const;

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
      {value.range === 'custom'
        ? CUSTOM_BOUNDS.map(([bound, label]) => (
            <label key={bound}>
              <span>{t(label)}</span>
              <input
                type="datetime-local"
                value={value[bound]}
                onChange={(e) => onChange({ [bound]: e.target.value })}
              />
            </label>
          ))
        : null}
    </>
  );
}
