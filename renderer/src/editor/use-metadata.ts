import { useCallback } from 'react';
import type { Backend, SecretStateView } from '../../../shared/common/contract';
import { useQuery } from '../lib/use-query';
import type { Loadable } from '../store';
import { t } from '../i18n';

const USABLE: ReadonlySet<SecretStateView['state']> = new Set(['set', 'expiring']);

/** Which side's credentials are not all stored yet; both sides' clients are built together, so either blocks both. */
function missingSides(secrets: readonly SecretStateView[]): { sdp: boolean; flashduty: boolean } {
  const missing = (prefix: string) => secrets.some((s) => s.name.startsWith(prefix) && !USABLE.has(s.state));
  return { sdp: missing('sdp.'), flashduty: missing('flashduty.') };
}

/**
 * SDP and Flashduty metadata, asked for only once every credential is stored: without them the
 * calls could only fail, and the error would name whichever secret the server missed first.
 */
export function useMetadata(backend: Backend, savedId: string | null) {
  const secrets = useQuery(
    savedId ? () => backend.invoke('secrets.state', { integrationId: savedId }).then((r) => r.secrets) : null,
    `secrets:${savedId}`,
    true,
  );
  const missing = secrets.state?.status === 'ready' ? missingSides(secrets.state.value) : null;
  const canLoad = missing !== null && !missing.sdp && !missing.flashduty;
  const sdp = useQuery(
    savedId && canLoad ? () => backend.invoke('metadata.sdp', { integrationId: savedId }) : null,
    `sdp:${savedId}`,
    true,
  );
  const fd = useQuery(
    savedId && canLoad ? () => backend.invoke('metadata.flashduty', { integrationId: savedId }) : null,
    `fd:${savedId}`,
    true,
  );
  const reloadSecrets = secrets.reload;
  const reloadSdp = sdp.reload;
  const reloadFd = fd.reload;
  const reload = useCallback(() => {
    reloadSecrets();
    reloadSdp();
    reloadFd();
  }, [reloadSecrets, reloadSdp, reloadFd]);
  const blocked = (side: 'sdp' | 'flashduty'): Loadable<never> | null => {
    if (savedId === null) return null;
    if (secrets.state?.status === 'error') return secrets.state;
    if (missing === null) return { status: 'loading' };
    const other = side === 'sdp' ? 'flashduty' : 'sdp';
    if (missing[side])
      return {
        status: 'error',
        message: t('metaNeedsCredentials', { side: t(side === 'sdp' ? 'sdpName' : 'flashdutyName') }),
      };
    if (missing[other])
      return {
        status: 'error',
        message: t('metaNeedsOther', { side: t(other === 'sdp' ? 'sdpName' : 'flashdutyName') }),
      };
    return null;
  };
  return { sdpMeta: blocked('sdp') ?? sdp.state, fdMeta: blocked('flashduty') ?? fd.state, reload };
}
