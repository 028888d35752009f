import { ContractError, type Backend, type DispatchResult, type PreloadBridge } from '../../../shared/common/contract';

/** Desktop: calls go through the two functions preload exposed; results come as envelopes. */
export function ipcBackend(bridge: PreloadBridge): Backend {
  return {
    async invoke(method, input) {
      const result = (await bridge.invoke(method, input)) as DispatchResult;
      if (!result.ok) throw new ContractError(result.error);
      return result.value as never;
    },
    subscribe(event, listener) {
      return bridge.subscribe(event, (payload) => listener(payload as never));
    },
  };
}
