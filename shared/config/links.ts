import type { SdpConnection } from './connection';

/**
 * Where a person opens an SDP request in the browser. SDP Cloud: the portal's request details
 * page on the API domain (`/app/<portal>/ui/requests/<id>/details`); on-prem: the WorkOrder view
 * every SDP version since 8 answers (`/WorkOrder.do?woMode=viewWO&woID=<id>`).
 */
export function sdpRequestUrl(sdp: SdpConnection, requestId: string): string {
  const id = encodeURIComponent(requestId);
  if (sdp.platform === 'cloud') return `https://${sdp.apiDomain}/app/${encodeURIComponent(sdp.portal)}/ui/requests/${id}/details`;
  return `${sdp.endpoint}/WorkOrder.do?woMode=viewWO&woID=${id}`;
}
