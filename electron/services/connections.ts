/**
 * Connecting accounts and watching their health: the connection test behind `connections.test`,
 * the SDP Cloud grant-code exchange behind `connections.connectSdpCloud`, and the rule the engine
 * uses to tell "the admin must reconnect" from a passing fault.
 */
export {
  FLASHDUTY_PROBE_INCIDENT_ID,
  SDP_CLOUD_SCOPES,
  testConnections,
  type ConnectionTestOptions,
} from './connection-checks';
export { connectSdpCloud, type ConnectSdpCloudOptions, type SdpCloudConnectInput } from './connection-cloud';
export { isCredentialFailure, type CredentialFailure } from './connection-health';
