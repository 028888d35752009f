import { integrationConfigSchema, type IntegrationConfig, type IntegrationConfigInput } from './integration';
import {
  DEFAULT_FLASHDUTY_TO_SDP_STATUS,
  DEFAULT_SDP_TO_FLASHDUTY_STATUS,
  DEFAULT_SNOOZE_MINUTES,
} from './status-tables';

export interface NewIntegrationInput {
  id: string;
  name: string;
  sdp: IntegrationConfigInput['sdp'];
  /** Milliseconds since 1970; becomes both timestamps. */
  now: number;
  overrides?: Partial<Omit<IntegrationConfigInput, 'id' | 'name' | 'sdp' | 'createdAt' | 'updatedAt'>>;
}

/**
 * A complete config with every default applied; throws when the given pieces are invalid (a programming error, not user
 * input).
 */
export function defaultIntegrationConfig(input: NewIntegrationInput): IntegrationConfig {
  return integrationConfigSchema.parse({
    ...input.overrides,
    id: input.id,
    name: input.name,
    sdp: input.sdp,
    createdAt: input.now,
    updatedAt: input.now,
  });
}

/** The seed status tables and snooze length, fresh copies so a form can edit them ("reset to defaults"). */
export function defaultStatusMapping(): IntegrationConfig['statusMapping'] {
  return {
    sdpToFlashduty: { ...DEFAULT_SDP_TO_FLASHDUTY_STATUS },
    flashdutyToSdp: { ...DEFAULT_FLASHDUTY_TO_SDP_STATUS },
    snoozeMinutes: DEFAULT_SNOOZE_MINUTES,
  };
}
