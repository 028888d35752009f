import { createSdpCaller } from './caller';
import type {
  AddNoteInput,
  CloseRequestInput,
  ListRequestsQuery,
  SdpCreateRequestInput,
  SdpRequestInput,
  SdpRequestPage,
} from './inputs';
import { createMetadataCalls, type SdpTemplateDetail } from './metadata';
import { createNoteCalls } from './notes';
import { createRequestCalls } from './requests';
import type { SdpClientOptions, SdpClientSettings } from './settings';
import type * as Wire from './wire';

/**
 * The SDP client: request, note and metadata calls composed over one caller (budget, auth,
 * retries). Callers import everything SDP from here.
 */

export { exchangeGrantCode, type GrantCodeExchange, type GrantCodeResult } from './oauth';
export type {
  SdpGroup,
  SdpNote,
  SdpPerson,
  SdpPortal,
  SdpPriority,
  SdpRequest,
  SdpStatus,
  SdpTemplate,
  SdpUdfDefinition,
} from './wire';
export type { SdpTemplateDetail };
export type { StatusClass } from './status';
export {
  DEFAULT_RATE_PER_MIN,
  SDP_DEFAULT_RETRY,
  normaliseApiBaseUrl,
  type SdpClientOptions,
  type SdpClientSettings,
  type SdpCloudSettings,
  type SdpOnpremSettings,
} from './settings';
export {
  MAX_ROW_COUNT,
  SdpCreateRequestInput,
  SdpRequestInput,
  type AddNoteInput,
  type CloseRequestInput,
  type ListRequestsQuery,
  type SdpCondition,
  type SdpRequestPage,
  type SdpSearchCriterion,
} from './inputs';

export interface SdpClient {
  readonly edition: 'cloud' | 'onprem';
  createRequest(input: SdpCreateRequestInput): Promise<Wire.SdpRequest>;
  getRequest(id: string): Promise<Wire.SdpRequest>;
  updateRequest(id: string, patch: SdpRequestInput): Promise<Wire.SdpRequest>;
  listRequests(query?: ListRequestsQuery): Promise<SdpRequestPage>;
  /**
   * Every request updated after `sinceMs`, oldest change first, paging until SDP has no more rows.
   * List rows are lean (no last_updated_time, priority, udf_fields or description unless asked for):
   * this always asks for last_updated_time, and for `fields` besides.
   */
  requestsUpdatedSince(
    sinceMs: number,
    options?: { pageSize?: number; fields?: readonly string[] },
  ): AsyncGenerator<Wire.SdpRequest>;
  addNote(requestId: string, note: AddNoteInput): Promise<Wire.SdpNote>;
  listNotes(requestId: string): Promise<Wire.SdpNote[]>;
  setResolution(requestId: string, content: string): Promise<void>;
  /** The portable close: `PUT /requests/{id}` with the Closed status and closure info. */
  closeRequest(requestId: string, input?: CloseRequestInput): Promise<Wire.SdpRequest>;
  listTemplates(): Promise<Wire.SdpTemplate[]>;
  getTemplate(id: string): Promise<SdpTemplateDetail>;
  listPriorities(): Promise<Wire.SdpPriority[]>;
  listStatuses(): Promise<Wire.SdpStatus[]>;
  listTechnicians(): Promise<Wire.SdpPerson[]>;
  listGroups(): Promise<Wire.SdpGroup[]>;
  listUsers(): Promise<Wire.SdpPerson[]>;
  getRequestMetainfo(): Promise<Wire.SdpUdfDefinition[]>;
  listPortals(): Promise<Wire.SdpPortal[]>;
}

export function createSdpClient(settings: SdpClientSettings, options: SdpClientOptions = {}): SdpClient {
  const caller = createSdpCaller(settings, options);
  return {
    edition: caller.edition,
    ...createRequestCalls(caller),
    ...createNoteCalls(caller),
    ...createMetadataCalls(caller),
  };
}
