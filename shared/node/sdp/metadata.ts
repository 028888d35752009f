import { z } from 'zod';
import type { SdpCaller } from './caller';
import { SdpError } from './errors';
import { requestId } from './inputs';
import {
  WireGroup,
  WireMetainfo,
  WirePerson,
  WirePortal,
  WirePriority,
  WireStatusDef,
  WireTemplate,
  mandatoryFieldsOf,
  normaliseMetainfo,
  type SdpGroup,
  type SdpPortal,
  type SdpTemplate,
  type SdpUdfDefinition,
} from './wire';

/** The instance's lists the form and the planners check values against. */

export interface SdpTemplateDetail extends SdpTemplate {
  mandatoryFields: string[];
}

const TemplateEnvelope = z.looseObject({ request_template: z.record(z.string(), z.unknown()) });
const MetainfoEnvelope = z.looseObject({ metainfo: WireMetainfo });
const PortalList = z.looseObject({ portals: z.array(WirePortal).default([]) });

export function createMetadataCalls({ edition, base, call, listAll }: SdpCaller) {
  return {
    listTemplates: () => listAll('request_templates', 'request_templates', WireTemplate),

    async getTemplate(id: string): Promise<SdpTemplateDetail> {
      const body = await call('GET', `${base}/request_templates/${requestId(id)}`, TemplateEnvelope);
      const raw = body.request_template;
      const t = WireTemplate.safeParse(raw);
      if (!t.success) {
        throw new SdpError(
          'sdp.bad_response',
          'ServiceDesk Plus returned a request template without an id or name.',
          {},
        );
      }
      return { ...t.data, mandatoryFields: mandatoryFieldsOf(raw) };
    },

    listPriorities: () => listAll('priorities', 'priorities', WirePriority),
    listStatuses: () => listAll('statuses', 'statuses', WireStatusDef),
    listTechnicians: () => listAll('technicians', 'technicians', WirePerson),

    async listGroups(): Promise<SdpGroup[]> {
      try {
        return await listAll('support_groups', 'support_groups', WireGroup);
      } catch (error) {
        // Public clients show `support_groups` on-prem (griffeth-barker/ManageEngine.ServiceDesk.OnPrem,
        // Get-SDPSupportGroup.ps1) and no cloud path; fall back to `groups`.
        if (edition === 'cloud' && error instanceof SdpError && error.code === 'sdp.not_found') {
          return listAll('groups', 'groups', WireGroup);
        }
        throw error;
      }
    },

    listUsers: () =>
      edition === 'cloud' ? listAll('users', 'users', WirePerson) : listAll('requesters', 'requesters', WirePerson),

    async getRequestMetainfo(): Promise<SdpUdfDefinition[]> {
      return normaliseMetainfo((await call('GET', `${base}/requests/_metainfo`, MetainfoEnvelope)).metainfo);
    },

    async listPortals(): Promise<SdpPortal[]> {
      // Cloud lists portals outside any portal: https://<domain>/api/v3/portals.
      const root = edition === 'cloud' ? base.replace(/\/app\/[^/]+\/api\/v3$/, '/api/v3') : base;
      return (await call('GET', `${root}/portals`, PortalList)).portals;
    },
  };
}
