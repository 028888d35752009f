import { TEXT_UDF_TYPES } from '../../../common/config';
import { msg } from '../../../common/contract';
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
  if (found === undefined) return fail('assignee_missing', msg('fail.assignee_missing', { technician: value }));
  return found.email !== null ? { email: found.email } : { name: found.name };
}

export function resolveGroup(value: string, all: SdpMetadata | undefined): string | Fail {
  const metadata = known(all, 'groups');
  if (metadata === undefined) return value;
  const found = metadata.groups.find((g) => sameName(g.name, value));
  return found?.name ?? fail('group_missing', msg('fail.group_missing', { group: value }));
}

export function checkPriority(name: string, all: SdpMetadata | undefined): Fail | null {
  const metadata = known(all, 'priorities');
  if (metadata === undefined || metadata.priorities.some((p) => sameName(p.name, name))) return null;
  return fail('priority_missing', msg('fail.priority_missing', { priority: name }));
}

export function checkStatus(name: string, all: SdpMetadata | undefined): Fail | null {
  const metadata = known(all, 'statuses');
  if (metadata === undefined || metadata.statuses.some((s) => sameName(s.name, name))) return null;
  return fail('status_missing', msg('fail.status_missing', { status: name }));
}

export function checkUdf(key: string, all: SdpMetadata | undefined): Fail | null {
  const metadata = known(all, 'udfs');
  if (metadata === undefined) return null;
  const udf = metadata.udfs.find((u) => u.key === key);
  if (udf === undefined) return fail('udf_missing', msg('fail.udf_missing', { field: key }));
  if (!TEXT_UDF_TYPES.includes(udf.type)) {
    return fail('udf_not_text', msg('fail.udf_not_text', { field: key, name: udf.displayName, type: udf.type }));
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
    return fail('template_missing', msg('fail.template_missing', { template }));
  }
  if (found === undefined) return null;
  const missing = found.mandatoryFields.filter((f) => !provided.has(f));
  if (missing.includes('requester')) {
    return fail('requester_required', msg('fail.requester_required', { template: found.name }));
  }
  if (missing.length === 0) return null;
  return fail(
    'template_fields_missing',
    msg('fail.template_fields_missing', { template: found.name, fields: missing.join(', ') }),
  );
}
