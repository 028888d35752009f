import { afterEach, describe, expect, it } from 'vitest';
import { MissingSecretError } from '../../../electron/services/secrets';
import { KeychainUnavailableError, toVaultError } from '../../../electron/services/vault-errors';
import { CHECK_FIX_CODES, CHECK_IDS, CHECK_RESULT_CODES, ContractError } from '../../../shared/common/contract';
import type { AppError } from '../../../shared/common/errors';
import { errorFromResponse, FlashdutyError } from '../../../shared/node/flashduty/errors';
import { sdpFailureToError, zohoErrorToError } from '../../../shared/node/sdp/errors';
import { networkFailure } from '../../../shared/node/sdp/transport';
import { applyLanguage, en, zhCN, type Language } from '../../../renderer/src/i18n';
import { checkFix, checkResult } from '../../../renderer/src/lib/check-text';
import { describeError } from '../../../renderer/src/i18n/error-text';
import { errorMessage } from '../../../renderer/src/lib/errors';

const HAN = /\p{Script=Han}/u;
const LANGUAGES: Language[] = ['en', 'zh-CN'];

afterEach(() => applyLanguage('en'));

/** The error as the renderer receives it: code, message and details, after the JSON round trip. */
const received = (error: AppError) =>
  new ContractError(JSON.parse(JSON.stringify({ code: error.code, message: error.message, details: error.details })));

const onprem = { httpStatus: 400, edition: 'onprem' } as const;
const cloud = { httpStatus: 400, edition: 'cloud' } as const;
const ERRORS: [string, AppError][] = [
  [
    'SDP rejected the API key',
    sdpFailureToError({ ...onprem, httpStatus: 401, failure: { statusCode: 4022, fields: [] } }),
  ],
  ['SDP Cloud rejected the token', sdpFailureToError({ ...cloud, httpStatus: 401 })],
  ['refresh token revoked', zohoErrorToError('invalid_code', 'refresh', 0)],
  ['client secret no longer accepted', zohoErrorToError('invalid_client', 'refresh', 0)],
  ['grant code used', zohoErrorToError('invalid_code', 'exchange', 0)],
  ['client unknown', zohoErrorToError('invalid_client', 'exchange', 0)],
  ['Zoho blocked minting', zohoErrorToError('Access Denied', 'refresh', 60_000)],
  ['Zoho other', zohoErrorToError('weird_thing', 'exchange', 0)],
  [
    'SDP forbidden',
    sdpFailureToError({
      ...onprem,
      httpStatus: 403,
      failure: { statusCode: 4002, fields: [], message: 'Not allowed' },
    }),
  ],
  ['SDP not found', sdpFailureToError({ ...onprem, httpStatus: 404 })],
  ['SDP invalid value', sdpFailureToError({ ...onprem, failure: { statusCode: 4001, fields: ['priority'] } })],
  ['SDP mandatory', sdpFailureToError({ ...onprem, failure: { statusCode: 4012, fields: ['udf_sline_1'] } })],
  ['SDP read-only', sdpFailureToError({ ...onprem, failure: { statusCode: 4009, fields: ['status'] } })],
  ['SDP duplicate', sdpFailureToError({ ...onprem, failure: { statusCode: 4008, fields: [] } })],
  ['SDP licence', sdpFailureToError({ ...onprem, failure: { statusCode: 7001, fields: [] } })],
  ['SDP server', sdpFailureToError({ ...onprem, httpStatus: 503 })],
  ['SDP login page', sdpFailureToError({ ...onprem, httpStatus: 200, rawText: '<html>login</html>' })],
  ['SDP other refusal', sdpFailureToError({ ...onprem, failure: { statusCode: 4999, fields: [] } })],
  ['SDP rate limit', sdpFailureToError({ ...onprem, httpStatus: 429 })],
  [
    'SDP URL blocked',
    sdpFailureToError({ ...onprem, httpStatus: 400, rawText: 'URL blocked as maximum access limit exceeded' }),
  ],
  ['SDP unreachable', networkFailure({ code: 'ECONNREFUSED' }, { method: 'GET', url: 'https://sdp.example.com/api' })],
  [
    'SDP broke after send',
    networkFailure({ code: 'ECONNRESET' }, { method: 'POST', url: 'https://sdp.example.com/api' }),
  ],
  [
    'SDP untrusted cert',
    networkFailure({ code: 'SELF_SIGNED_CERT_IN_CHAIN' }, { method: 'GET', url: 'https://sdp.example.com/api' }),
  ],
  [
    'SDP pin mismatch',
    networkFailure({ code: 'ERR_SDP_CERT_PIN_MISMATCH' }, { method: 'GET', url: 'https://sdp.example.com/api' }),
  ],
  ['Flashduty bad key', errorFromResponse({ path: '/member/info', httpStatus: 401, fdCode: 'Unauthorized' })],
  ['Flashduty no permission', errorFromResponse({ path: '/incident/ack', httpStatus: 403, fdCode: 'AccessDenied' })],
  [
    'Flashduty invalid',
    errorFromResponse({
      path: '/incident/list',
      httpStatus: 400,
      fdCode: 'InvalidParameter',
      serverMessage: 'limit too big',
    }),
  ],
  [
    'Flashduty not found',
    errorFromResponse({ path: '/incident/info', httpStatus: 400, fdCode: 'ResourceNotFound', requestId: 'req-1' }),
  ],
  ['Flashduty plan', errorFromResponse({ path: '/incident/list', httpStatus: 400, fdCode: 'NoLicense' })],
  ['Flashduty locked', errorFromResponse({ path: '/member/info', httpStatus: 400, fdCode: 'RequestLocked' })],
  ['Flashduty route', errorFromResponse({ path: '/nope', httpStatus: 404 })],
  ['Flashduty rate limit', errorFromResponse({ path: '/incident/list', httpStatus: 429 })],
  ['Flashduty server', errorFromResponse({ path: '/incident/list', httpStatus: 500 })],
  [
    'Flashduty unreachable',
    new FlashdutyError('flashduty.network', 'Could not reach Flashduty.', {
      details: { host: 'api.flashcat.cloud', networkCode: 'ENOTFOUND' },
    }),
  ],
  ['keychain secret missing', new MissingSecretError('SDP API key', { secret: 'sdp.apiKey' }, 'sdp.apiKey')],
  ['environment secret missing', new MissingSecretError('Flashduty app key', { env: 'FD_KEY' }, 'flashduty.appKey')],
  ...(['no-session-bus', 'no-provider', 'locked', 'no-default-keyring', 'inaccessible', 'no-answer'] as const).map(
    (failure): [string, AppError] => [`keychain ${failure}`, new KeychainUnavailableError(failure, 'linux', {})],
  ),
  ['macOS keychain locked', new KeychainUnavailableError('locked', 'darwin', {})],
  ['macOS keychain not answering', new KeychainUnavailableError('no-answer', 'darwin', {})],
  ['Windows credential manager', new KeychainUnavailableError('inaccessible', 'win32', {})],
  [
    'keychain refused',
    toVaultError(new Error('Something odd'), {
      operation: 'set',
      service: 'DeskBridge',
      account: 'a/sdp.apiKey',
      platform: 'linux',
      secrets: [],
    }),
  ],
];

describe('errors shown in the UI are worded from their code and details', () => {
  it.each(ERRORS)('%s: worded in English and 简体中文, no placeholder left, API text quoted', (_name, error) => {
    for (const language of LANGUAGES) {
      applyLanguage(language);
      const text = describeError(error.code, received(error).details);
      expect(text, `${error.code} in ${language}`).not.toBeNull();
      expect(text).not.toMatch(/\{\w+\}/);
      if (language === 'zh-CN') expect(text).toMatch(HAN);
      for (const said of ['Not allowed', 'limit too big'])
        if (error.message.includes(said)) expect(text).toContain(`“${said}”`);
    }
  });

  it('the parameters fill in: host and network code, the missing permission, the secret by its label', () => {
    applyLanguage('zh-CN');
    expect(errorMessage(received(ERRORS.find(([n]) => n === 'SDP unreachable')![1]))).toBe(
      '无法访问 sdp.example.com 上的 ServiceDesk Plus（“ECONNREFUSED”）。请检查地址、服务器是否在运行，以及两者之间的网络。',
    );
    expect(errorMessage(received(ERRORS.find(([n]) => n === 'Flashduty no permission')![1]))).toContain(
      '缺少“Incidents Manage”权限',
    );
    expect(errorMessage(received(ERRORS.find(([n]) => n === 'keychain secret missing')![1]))).toBe(
      `${zhCN.secretSdpApiKey}尚未保存。请在“集成 → 连接”中输入。`,
    );
    applyLanguage('en');
    expect(errorMessage(received(ERRORS.find(([n]) => n === 'environment secret missing')![1]))).toBe(
      'The Flashduty app key should come from the environment variable FD_KEY, which is not set. Set it and restart DeskBridge.',
    );
  });

  it('a keychain that did not answer reads the same on every system (the unlock prompt), not as the platform default', () => {
    applyLanguage('en');
    for (const name of ['keychain no-answer', 'macOS keychain not answering'])
      expect(errorMessage(received(ERRORS.find(([n]) => n === name)![1]))).toMatch(/^The keychain did not answer\./);
  });

  it('a code the tables do not know, or details that do not fit its wording, shows the English message', () => {
    applyLanguage('zh-CN');
    expect(errorMessage(new ContractError({ code: 'ingress.something_new', message: 'Plain English.' }))).toBe(
      'Plain English.',
    );
    expect(errorMessage(new ContractError({ code: 'sdp.network', message: 'No host known.' }))).toBe('No host known.');
    expect(errorMessage(new Error('thrown in the page'))).toBe('thrown in the page');
  });

  it('an import refused for its file lists each problem by its code in the chosen language', () => {
    applyLanguage('zh-CN');
    const error = new ContractError({
      code: 'contract.invalid_input',
      message: 'The file has problems: ...',
      details: {
        issues: [
          {
            path: '',
            message: 'Not valid JSON at line 3, column 3: x.',
            code: 'import.json_syntax',
            params: { line: 3, column: 3, reason: 'Unexpected token' },
          },
          {
            path: 'integrations[1].id',
            message: 'ID "a" is already used.',
            code: 'import.duplicate_id',
            params: { id: 'a', earlier: 0 },
          },
          { path: 'integrations[0].name', message: 'Name: give the integration a name.' },
        ],
      },
    });
    expect(errorMessage(error)).toBe(
      '有些值无效：第 3 行第 3 列不是有效的 JSON：“Unexpected token”。；“integrations[1].id”：ID“a”已被 integrations[0] 使用；请给每个集成一个自己的 ID。；“integrations[0].name”：Name: give the integration a name.',
    );
  });

  it('transport failures of the headless UI are worded in the chosen language', () => {
    applyLanguage('zh-CN');
    expect(errorMessage(new ContractError({ code: 'http.offline', message: 'x' }))).toBe(zhCN.backendOffline);
    expect(errorMessage(new ContractError({ code: 'http.502', message: 'x' }))).toContain('HTTP 502');
    expect(errorMessage(new ContractError({ code: 'auth.token', message: 'x' }))).toBe(zhCN['err_auth.token']);
  });
});

describe('Test connection checks are worded from their codes', () => {
  const failed = {
    id: 'sdp.users',
    ok: false,
    result: { code: 'sdp.forbidden', params: { httpStatus: 401, scope: 'SDPOnDemand.users.READ' } },
    fallback: 'English fallback.',
    fix: { code: 'sdp_scope_named', params: { scope: 'SDPOnDemand.users.READ', scopes: 'A,B' } },
  } as const;

  it('every check, result and fix code has a string in both tables', () => {
    for (const id of CHECK_IDS) expect(en).toHaveProperty([`check_${id}`]);
    for (const code of CHECK_RESULT_CODES) expect(en).toHaveProperty([`checkResult_${code}`]);
    for (const code of CHECK_FIX_CODES) expect(en).toHaveProperty([`checkFix_${code}`]);
  });

  it.each([
    ['en', 'Read requesters', 'The token lacks the scope SDPOnDemand.users.READ needed for “Read requesters”.'],
    ['zh-CN', '读取请求人', '令牌缺少“读取请求人”所需的权限范围 SDPOnDemand.users.READ。'],
  ] as const)('a failed check in %s: the error by its code, the fix naming the check', (language, label, fixStart) => {
    applyLanguage(language);
    expect(checkFix(failed)).toMatch(new RegExp(`^${fixStart.replace(/[.()]/g, '\\$&')}`));
    expect(checkResult(failed)).toContain('SDPOnDemand.users.READ');
    expect(
      checkResult({ id: 'sdp.templates', ok: false, result: { code: 'not_run', params: { blocker: 'sdp.connect' } } }),
    ).toContain(language === 'en' ? 'Reach ServiceDesk Plus and sign in' : '访问 ServiceDesk Plus 并登录');
    expect(label).toBe(language === 'en' ? en['check_sdp.users'] : zhCN['check_sdp.users']);
  });

  it('passed checks read their result with its parameters', () => {
    applyLanguage('zh-CN');
    expect(checkResult({ id: 'sdp.priorities', ok: true, result: { code: 'counted', params: { n: 4 } } })).toBe(
      '找到 4 个。',
    );
    expect(
      checkResult({
        id: 'flashduty.connect',
        ok: true,
        result: { code: 'key_owner', params: { who: 'Alice <a@x.io>' } },
      }),
    ).toBe('此 APP Key 属于 Alice <a@x.io>。');
  });

  it('an error code this UI does not know shows the check’s English fallback', () => {
    applyLanguage('zh-CN');
    expect(checkResult({ ...failed, result: { code: 'sdp.brand_new', params: {} } })).toBe('English fallback.');
  });
});
