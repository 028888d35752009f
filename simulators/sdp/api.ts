import { metadataRoutes } from './api-metadata';
import type { ApiResult } from './api-reply';
import { requestPartRoutes, requestRoutes } from './api-requests';
import type { Edition, SimMetadata } from './seed';
import { SimApiError, type RequestStore } from './store';

export type { ApiResult } from './api-reply';

export type ApiRouter = (method: string, rest: string, input: unknown) => ApiResult;

/**
 * The SDP v3 resources, given the path after the API base (`requests/123/notes`) and the parsed
 * `input_data`. `portals-root` is the cloud's portal list, which lives outside any portal.
 */
export function createApiRouter(edition: Edition, store: RequestStore, meta: SimMetadata): ApiRouter {
  const families = [
    requestRoutes(edition, store, meta),
    requestPartRoutes(edition, store, meta),
    metadataRoutes(edition, meta),
  ];
  return (method, rest, input) => {
    for (const routes of families) {
      const result = routes(method, rest, input);
      if (result) return result;
    }
    throw new SimApiError(404, 4007, 'Invalid URL or resource not found');
  };
}
