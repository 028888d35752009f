/**
 * Every user-visible string of the renderer, in one place, so translations stay complete.
 */
export const en = {
  appName: 'DeskBridge',
  tagline: 'Flashduty ⇄ ServiceDesk Plus sync',
  navIntegrations: 'Integrations',
  navLog: 'Sync log',
  navIncidents: 'Incidents',
  navSettings: 'Settings',
  connectionOnline: 'Connected',
  connectionConnecting: 'Connecting…',
  connectionOffline: 'Disconnected — retrying',
  syncPaused: 'Sync paused',
  pauseAll: 'Pause all',
  resumeAll: 'Resume all',
  integrationsTitle: 'Integrations',
  integrationsEmptyTitle: 'No integrations yet',
  integrationsEmptyBody:
    'An integration connects one Flashduty account with one ServiceDesk Plus instance (Cloud or on-premises). Add one to start syncing incidents and requests.',
  integrationsEmptySteps: 'You will need: a Flashduty app key, and either a Zoho self-client (Cloud) or an SDP technician API key (on-premises).',
  loadFailed: 'Could not load',
  retry: 'Retry',
  colName: 'Name',
  colState: 'State',
  colDirection: 'Direction',
  colPlatform: 'Platform',
  colQueued: 'Queued',
  colFailed: 'Failed',
  colLastSync: 'Last sync',
  never: 'never',
  state_syncing: 'Syncing',
  state_idle: 'Up to date',
  state_paused: 'Paused',
  state_needs_attention: 'Needs attention',
  state_disabled: 'Disabled',
  direction_to_sdp: 'Flashduty → SDP',
  direction_from_sdp: 'SDP → Flashduty',
  direction_two_way: 'Two-way',
  platform_cloud: 'Cloud',
  platform_onprem: 'On-premises',
  logTitle: 'Sync log',
  logEmpty: 'Nothing has been synced yet. Every write and every skip will appear here as it happens.',
  incidentsTitle: 'Incidents',
  incidentsEmpty: 'Add an integration first: recent Flashduty incidents appear here, ready to push to ServiceDesk Plus.',
  settingsTitle: 'Settings',
  settingsVersion: 'Version',
  settingsMode: 'Mode',
  settingsDataDir: 'Data folder',
  mode_desktop: 'Desktop app',
  mode_headless: 'Headless server',
  demoBadge: 'Demo',
  tokenMissingTitle: 'Open the link printed in the terminal',
  tokenMissingBody:
    'This DeskBridge server only answers pages opened with its access link. Look for the line starting with "DeskBridge ready:" in the terminal where you ran it, and open that address.',
} as const;

export type StringKey = keyof typeof en;
export const strings: Record<StringKey, string> = en;

export function t(key: StringKey): string {
  return strings[key];
}
