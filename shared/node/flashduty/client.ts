import { createDirectoryCalls } from './directory';
import { createIncidentActions } from './incident-actions';
import { createIncidentReads } from './incidents';
import { createFlashdutyTransport, type FlashdutyClientOptions, type FlashdutySettings } from './transport';

/**
 * The Flashduty client: incident reads, incident actions and the account directory composed over
 * one transport (budget, retries, envelope). Callers import everything Flashduty from here.
 */

export {
  FLASHDUTY_RETRY,
  type FlashdutyCallRecord,
  type FlashdutyClientOptions,
  type FlashdutySettings,
} from './transport';
export type {
  CreateIncidentInput,
  FeedRequest,
  IncidentFilter,
  IncidentPage,
  IncidentPageRequest,
  IncidentSpan,
  ResetIncidentInput,
} from './inputs';

export type FlashdutyClient = ReturnType<typeof createFlashdutyClient>;

export function createFlashdutyClient(settings: FlashdutySettings, options: FlashdutyClientOptions = {}) {
  const transport = createFlashdutyTransport(settings, options);
  return {
    /** The base URL with nothing secret in it, for display and logs. */
    baseUrl: transport.baseUrl,
    ...createIncidentReads(transport),
    ...createIncidentActions(transport),
    ...createDirectoryCalls(transport),
  };
}
