import { TEXT_UDF_TYPES } from '../../../common/config';
import { sameName } from '../text';
import type { SdpMetadata, SdpMetadataList, SdpPersonRef } from '../types';
import { fail, type Fail } from './field';

/** The metadata to check against, unless that list could not be read (then SDP checks on write). */
export function known(metadata: SdpMetadata | undefined, list: SdpMetadataList): SdpMetadata | undefined {
  return metadata?.unavailable?.includes(list) ? undefined : metadata;
}

/** Metadata checks shared by create and update; each returns the failure or the resolved value. */
export function resolveTechnician(value: string, all: SdpMetadata | undefined): SdpPersonRef | Fail {
  const metadata = known(all, 'technicians');
  if (metadata === undefined) return value.includes('@') ? { email: value } : { name: value };
  const found = metadata.technicians.find((t) => sameName(t.email, value) || sameName(t.name, value));
  if (found === undefined)
    return fail(
      'assignee_missing',
      `SDP has no technician "${value}" (by email or name). Add the technician in SDP or fix the label value; the incident syncs again once it exists.`,
    );
  return found.email !== null ? { email: found.email } : { name: found.name };
}

export function resolveGroup(value: string, all: SdpMetadata | undefined): string | Fail {
  const metadata = known(all, 'groups');
  if (metadata === undefined) return value;
  const found = metadata.groups.find((g) => sameName(g.name, value));
  return (
    found?.name ??
    fail(
      'group_missing',
      `SDP has no support group "${value}". Create it in SDP or fix the label value; the incident syncs again once it exists.`,
    )
  );
}

export function checkPriority(name: string, all: SdpMetadata | undefined): Fail | null {
  const metadata = known(all, 'priorities');
  if (metadata === undefined || metadata.priorities.some((p) => sameName(p.name, name))) return null;
  return fail(
    'priority_missing',
    `SDP has no priority "${name}". Fix the severity mapping or add the priority in SDP.`,
  );
}

export function checkStatus(name: string, all: SdpMetadata | undefined): Fail | null {
  const metadata = known(all, 'statuses');
  if (metadata === undefined || metadata.statuses.some((s) => sameName(s.name, name))) return null;
  return fail(
    'status_missing',
    `SDP has no status "${name}". Fix the Flashduty → SDP status mapping or add the status in SDP.`,
  );
}

export function checkUdf(key: string, all: SdpMetadata | undefined): Fail | null {
  const metadata = known(all, 'udfs');
  if (metadata === undefined) return null;
  const udf = metadata.udfs.find((u) => u.key === key);
  if (udf === undefined) return fail('udf_missing', `SDP has no field "${key}". Fix the custom field mapping.`);
  if (!TEXT_UDF_TYPES.includes(udf.type)) {
    return fail(
      'udf_not_text',
      `SDP field "${key}" (${udf.displayName}) is a ${udf.type.replace('_', ' ')} field; only single-line and multi-line text fields can receive mapped values. Map a text field.`,
    );
  }
  return null;
}

/**
 * The template a create uses must exist, and the fields it makes mandatory must be filled:
 * `provided` names the request fields and UDF keys the create sends.
 */
export function checkTemplate(
  template: string | null,
  provided: ReadonlySet<string>,
  all: SdpMetadata | undefined,
): Fail | null {
  const metadata = known(all, 'templates');
  if (metadata === undefined) return null;
  const found =
    template === null
      ? metadata.templates.find((t) => t.isDefault)
      : metadata.templates.find((t) => sameName(t.name, template));
  if (template !== null && found === undefined) {
    return fail(
      'template_missing',
      `SDP has no request template "${template}". Pick an existing template or leave it empty for the default.`,
    );
  }
  if (found === undefined) return null;
  const missing = found.mandatoryFields.filter((f) => !provided.has(f));
  if (missing.includes('requester')) {
    return fail(
      'requester_required',
      `SDP template "${found.name}" requires a requester. Set the requester (name or email) in the integration.`,
    );
  }
  if (missing.length === 0) return null;
  return fail(
    'template_fields_missing',
    `SDP template "${found.name}" requires ${missing.join(', ')}, which this integration does not fill. Map them or choose another template.`,
  );
}
