import { isAppError } from '../../common/errors';

const FIXES: Partial<Record<string, string>> = {
  assignee_missing:
    'Add the technician in SDP or correct the label value; DeskBridge retries when SDP or the config changes.',
  group_missing: 'Add the support group in SDP or correct the label value.',
  requester_required: 'Set a requester under Integration → Ticket; the template requires one.',
  template_missing: 'Pick an existing request template under Integration → Ticket.',
  template_fields_missing: 'Make those fields optional in the SDP template, or map them.',
  priority_missing: 'Map the severity to a priority that exists in SDP (Integration → Ticket).',
  status_missing: 'Map the state to a status that exists in SDP (Integration → Status).',
  udf_missing: 'Map the custom field to an SDP field that exists.',
  udf_not_text: 'Map the custom field to a single-line or multi-line text field.',
  fd_field_missing:
    'Create a text custom field with that name in Flashduty, or pick another field or turn off "request link on the incident" (toSdp.requestLink) in the integration.',
};

/** A thrown error the admin fixes in the config or a service carries the fix the log and the failed list show. */
export function withKnownFix(shape: ErrorShape): ErrorShape {
  const fix = FIXES[shape.code];
  return fix === undefined || shape.fix !== undefined ? shape : { ...shape, fix };
}

export const fixFor = (code: string): string => FIXES[code] ?? 'Fix the integration’s mapping, then retry.';

export type ErrorShape = { code: string; message: string; fix?: string };

/** A `{ code, message, fix? }` the runner builds itself (a planned failure), as opposed to a thrown error. */
function isErrorShape(value: unknown): value is ErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.code === 'string' && typeof v.message === 'string' && (v.fix === undefined || typeof v.fix === 'string')
  );
}

export function errorShape(error: unknown): ErrorShape {
  if (isAppError(error)) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: 'internal', message: error.message };
  if (isErrorShape(error))
    return { code: error.code, message: error.message, ...(error.fix === undefined ? {} : { fix: error.fix }) };
  return {
    code: 'internal',
    message: typeof error === 'string' ? error : 'An unexpected failure that carried no message.',
  };
}

export function requestIdsOf(error: unknown): string[] {
  const id = isAppError(error) ? error.details?.requestId : undefined;
  return typeof id === 'string' && id !== '' ? [id] : [];
}
