import { describe, expect, it } from 'vitest';
import { loadSdpMetadata } from '../../../electron/services/metadata-cache';
import { metadataProblemMessage } from '../../../electron/services/runtime-messages';
import { renderMessage } from '../../../renderer/src/i18n/messages';
import type { SdpClient } from '../../../shared/node/sdp/client';
import { SdpError } from '../../../shared/node/sdp/errors';

/** An on-prem client whose status list SDP answers in a shape nobody knows; every other list loads. */
const sdp = {
  edition: 'onprem',
  listTemplates: async () => [],
  getTemplate: async () => undefined,
  listPriorities: async () => [],
  listStatuses: async () => {
    throw new SdpError('sdp.bad_response', 'ServiceDesk Plus answered GET /statuses in an unknown shape.', {
      httpStatus: 200,
    });
  },
  listTechnicians: async () => [],
  listGroups: async () => [],
  getRequestMetainfo: async () => [],
} as unknown as SdpClient;

describe('a metadata list that fails for a reason of its own', () => {
  it('carries the error by its code, so the editor and the log word it in their language', async () => {
    const { problems } = await loadSdpMetadata(sdp, '');
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(problem).toMatchObject({ list: 'statuses', reason: 'other' });
    const chinese = renderMessage(problem!.error, 'zh-CN');
    expect(chinese).toMatch(/[\u4e00-\u9fff]/);
    expect(chinese).not.toContain('unknown shape');
    expect(renderMessage(metadataProblemMessage(problem!, false), 'zh-CN')).toContain(chinese);
  });
});
