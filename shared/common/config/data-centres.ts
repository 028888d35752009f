/**
 * SDP Cloud data centres. Each DC has its own API domain and its own Zoho accounts server; OAuth
 * tokens minted by one accounts server are useless against another DC, so the pair travels together.
 */
export const DATA_CENTRE_CODES = ['US', 'EU', 'IN', 'AU', 'CN', 'JP', 'CA', 'UK', 'SA'] as const;
export type DataCentreCode = (typeof DATA_CENTRE_CODES)[number];

export interface DataCentre {
  code: DataCentreCode;
  label: string;
  /** Bare host name of the SDP API, no scheme. */
  apiDomain: string;
  /** Origin of the Zoho accounts server that issues tokens (`<origin>/oauth/v2/token`). */
  accountsServer: string;
  /** Zoho developer console where the admin creates the Self Client. */
  developerConsole: string;
}

export const DATA_CENTRES: Readonly<Record<DataCentreCode, DataCentre>> = {
  US: {
    code: 'US',
    label: 'United States',
    apiDomain: 'sdpondemand.manageengine.com',
    accountsServer: 'https://accounts.zoho.com',
    developerConsole: 'https://api-console.zoho.com',
  },
  EU: {
    code: 'EU',
    label: 'Europe',
    apiDomain: 'sdpondemand.manageengine.eu',
    accountsServer: 'https://accounts.zoho.eu',
    developerConsole: 'https://api-console.zoho.eu',
  },
  IN: {
    code: 'IN',
    label: 'India',
    apiDomain: 'sdpondemand.manageengine.in',
    accountsServer: 'https://accounts.zoho.in',
    developerConsole: 'https://api-console.zoho.in',
  },
  AU: {
    code: 'AU',
    label: 'Australia',
    apiDomain: 'servicedeskplus.net.au',
    accountsServer: 'https://accounts.zoho.com.au',
    developerConsole: 'https://api-console.zoho.com.au',
  },
  CN: {
    code: 'CN',
    label: 'China',
    apiDomain: 'servicedeskplus.cn',
    accountsServer: 'https://accounts.zoho.com.cn',
    developerConsole: 'https://api-console.zoho.com.cn',
  },
  JP: {
    code: 'JP',
    label: 'Japan',
    apiDomain: 'servicedeskplus.jp',
    accountsServer: 'https://accounts.zoho.jp',
    developerConsole: 'https://api-console.zoho.jp',
  },
  CA: {
    code: 'CA',
    label: 'Canada',
    apiDomain: 'servicedeskplus.ca',
    accountsServer: 'https://accounts.zohocloud.ca',
    developerConsole: 'https://api-console.zohocloud.ca',
  },
  UK: {
    code: 'UK',
    label: 'United Kingdom',
    apiDomain: 'servicedeskplus.uk',
    accountsServer: 'https://accounts.zoho.uk',
    developerConsole: 'https://api-console.zoho.uk',
  },
  SA: {
    code: 'SA',
    label: 'Saudi Arabia',
    apiDomain: 'servicedeskplus.sa',
    accountsServer: 'https://accounts.zoho.sa',
    developerConsole: 'https://api-console.zoho.sa',
  },
};

/** Cloud API base: the portal segment is always included, since omitting it silently picks the default portal. */
export function cloudApiBaseUrl(apiDomain: string, portal: string): string {
  return `https://${apiDomain}/app/${encodeURIComponent(portal)}/api/v3`;
}

export function zohoTokenUrl(accountsServer: string): string {
  return `${accountsServer.replace(/\/+$/, '')}/oauth/v2/token`;
}

/**
 * The Zoho scopes a grant code needs for every SDP Cloud call DeskBridge makes (which call needs
 * which: shared/sdp/scopes.ts and the README). The form shows this list; the connect flow checks it.
 */
export const SDP_CLOUD_SCOPES = [
  'SDPOnDemand.requests.ALL',
  'SDPOnDemand.setup.READ',
  'SDPOnDemand.custommodule.READ',
  'SDPOnDemand.users.READ',
] as const;
