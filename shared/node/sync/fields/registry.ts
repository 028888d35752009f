import type { IntegrationConfig } from '../../../common/config';
import { assigneeFields } from './assignee';
import { customField } from './custom-fields';
import type { SyncedField } from './field';
import { resolutionField, statusField } from './lifecycle';
import { pairFields } from './pair-fields';
import { priorityField } from './priority';
import { descriptionField, titleField } from './text-fields';

const byConfig = new WeakMap<IntegrationConfig, readonly SyncedField[]>();

/**
 * Every field an integration syncs, in the order writes list them. Adding a synced field is one
 * entry here (and its module): the planners, the link records and the executor's patches follow.
 */
export function syncedFields(config: IntegrationConfig): readonly SyncedField[] {
  const cached = byConfig.get(config);
  if (cached !== undefined) return cached;
  const fields: readonly SyncedField[] = [
    titleField,
    descriptionField(config),
    statusField,
    priorityField(config),
    resolutionField,
    ...assigneeFields(config),
    ...config.customFields.map(customField),
    ...pairFields(config),
  ];
  byConfig.set(config, fields);
  return fields;
}
