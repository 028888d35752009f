import { describe, expect, it } from 'vitest';
import { createAppService, type AppServiceDeps } from '../../../electron/services/app-service';
import { SdpMetadataCache } from '../../../electron/services/metadata-cache';
import { defaultIntegrationConfig } from '../../../shared/common/config';
import type { SdpClient } from '../../../shared/node/sdp/client';

const TEMPLATES = [
  { id: '1', name: 'Default Request', isDefault: true },
  { id: '2', name: 'Incident with requester', isDefault: false },
  { id: '3', name: 'New hire', isDefault: false },
];
const MANDATORY: Record<string, string[]> = {
  '1': ['subject'],
  '2': ['subject', 'requester'],
  '3': ['subject', 'requester'],
};

/** The handler over a stub SDP client that records which template details were read. */
function metadataFor(requestTemplate: string) {
  const config = defaultIntegrationConfig({
    id: 'i1',
    name: 'Desk',
    sdp: { platform: 'onprem', endpoint: 'https://sdp.example.com:8080' },
    now: 0,
    overrides: { requestTemplate },
  });
  const detailCalls: string[] = [];
  const sdp = {
    listTemplates: async () => TEMPLATES,
    getTemplate: async (id: string) => {
      detailCalls.push(id);
      return { ...TEMPLATES.find((t) => t.id === id)!, mandatoryFields: MANDATORY[id]! };
    },
    listPriorities: async () => [],
    listStatuses: async () => [],
    listTechnicians: async () => [],
    listGroups: async () => [],
    getRequestMetainfo: async () => [],
  };
  const cache = new SdpMetadataCache(
    () => sdp as unknown as SdpClient,
    () => requestTemplate,
    () => 0,
    () => undefined,
  );
  const deps = {
    settings: { integration: (id: string) => (id === config.id ? config : undefined) },
    engine: { runtime: () => ({ requireClients: () => ({ sdp }), loadSdpMetadata: () => cache.refresh() }) },
  } as unknown as AppServiceDeps;
  return { handler: createAppService(deps)['metadata.sdp'], detailCalls };
}

describe('metadata.sdp', () => {
  it.each([
    { requestTemplate: '', read: ['1'], requester: [] },
    { requestTemplate: 'incident with REQUESTER', read: ['1', '2'], requester: ['Incident with requester'] },
  ])(
    'reads mandatory fields of the default and the configured template only (template "$requestTemplate")',
    async ({ requestTemplate, read, requester }) => {
      const { handler, detailCalls } = metadataFor(requestTemplate);
      const view = await handler({ integrationId: 'i1' });
      expect(detailCalls.sort()).toEqual(read);
      expect(view.templates.filter((t) => t.mandatoryFields.includes('requester')).map((t) => t.name)).toEqual(
        requester,
      );
      expect(view.templates.find((t) => t.isDefault)?.mandatoryFields).toEqual(['subject']);
    },
  );
});
