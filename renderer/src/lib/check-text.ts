import { CHECK_IDS, type CheckId, type ConnectionCheck } from '../../../shared/common/contract';
import { t } from '../i18n';
import { describeError, worded } from '../i18n/error-text';

export const checkLabel = (id: CheckId): string => t(`check_${id}`);

const isCheckId = (value: unknown): value is CheckId => CHECK_IDS.some((id) => id === value);

/**
 * What a check found, in the chosen language: a result code worded with its parameters, or the
 * error that failed it worded by its code (the English text only for a code this UI does not know).
 */
export function checkResult(check: ConnectionCheck): string {
  const { code, params } = check.result;
  if (code === 'not_run' && isCheckId(params.blocker))
    return t('checkResult_not_run', { blocker: checkLabel(params.blocker) });
  const text = check.ok ? worded(`checkResult_${code}`, params) : describeError(code, params);
  return text ?? check.fallback ?? code;
}

/** The fix of a failed check, naming the check where the fix says which permission is missing. */
export function checkFix(check: ConnectionCheck): string | null {
  if (!check.fix) return null;
  return worded(`checkFix_${check.fix.code}`, { ...check.fix.params, check: checkLabel(check.id) });
}
