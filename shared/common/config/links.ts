import type { SdpConnection } from './connection';

/**
 * Where a person opens an SDP request in the browser. SDP Cloud: the portal's request details
 * page on the API domain (`/app/<portal>/ui/requests/<id>/details`); on-prem: the WorkOrder view
 * every SDP version since 8 answers (`/WorkOrder.do?woMode=viewWO&woID=<id>`).
 */
export function sdpRequestUrl(sdp: SdpConnection, requestId: string): string {
  const id = encodeURIComponent(requestId);
  if (sdp.platform === 'cloud')
    return `https://${sdp.apiDomain}/app/${encodeURIComponent(sdp.portal)}/ui/requests/${id}/details`;
  return `${sdp.endpoint}/WorkOrder.do?woMode=viewWO&woID=${id}`;
}

const REQUEST_ID_IN_URL = /\/ui\/requests\/([^/?#]+)\/details$|[?&]woID=([^&#]+)$/;

/** The request ID in a URL sdpRequestUrl built (either form); null for any other text. */
export function sdpRequestIdFromUrl(url: string): string | null {
  const found = REQUEST_ID_IN_URL.exec(url);
  const id = found?.[1] ?? found?.[2];
  if (id === undefined) return null;
  try {
    return decodeURIComponent(id);
  } catch {
    return null;
  }
}
