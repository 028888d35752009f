import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  integrationDraftSchema,
  looksLikeSecretKey,
  secretRefSchema,
  validateIntegrationDraft,
  webhookSecretRefSchema,
} from '../../shared/common/config';
import { events, methods, secretStateSchema } from '../../shared/common/contract';

/**
 * No contract call or event hands the renderer a secret. Field names are the tell: anything named
 * like a credential is reported unless its type shows it cannot hold one:
 * - a secret *reference* (`{ secret }` / `{ env }`, which configs hold instead of values);
 * - a list of secret *states* (`secretStateSchema`: name, set/missing/…, at most the last 4);
 * - `code` beside `message`: an error code, not a grant code; `code` beside `params`: a message code.
 *
 * The one exception is `integrations.webhookSetup` → `secretHeader`: DeskBridge's own inbound
 * webhook secret, not a credential for SDP or Flashduty, shown so the admin can paste it into the
 * webhook settings of both services.
 */
const ALLOWED = new Set(['integrations.webhookSetup:secretHeader']);

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  in?: z.ZodType;
  out?: z.ZodType;
  getter?: () => z.ZodType;
};

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  return def.innerType !== undefined ? unwrap(def.innerType) : schema;
}

function cannotHoldSecret(key: string, child: z.ZodType, siblings: Record<string, z.ZodType>): boolean {
  const inner = unwrap(child);
  if (inner === secretRefSchema || inner === webhookSecretRefSchema) return true;
  const def = defOf(inner);
  if (def.type === 'array' && def.element !== undefined && unwrap(def.element) === secretStateSchema) return true;
  // A closed set of words (a message code) cannot carry a secret value.
  if (def.type === 'enum' || def.type === 'literal') return true;
  // An error's or a message's code (`{ code, message }`, `{ code, params }`) names what happened, never a secret.
  return key === 'code' && ('message' in siblings || 'params' in siblings);
}

/** Every field path whose name looks like a secret, walking objects, arrays, unions, records, pipes and lazies. */
function secretLookingFields(schema: z.ZodType, path = '', seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  const walk = (child: z.ZodType | null | undefined, at: string) => (child ? secretLookingFields(child, at, seen) : []);
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, child]) => {
        const at = path === '' ? key : `${path}.${key}`;
        if (looksLikeSecretKey(key)) return cannotHoldSecret(key, child, def.shape ?? {}) ? [] : [at];
        return walk(child, at);
      });
    case 'array':
      return walk(def.element, `${path}[]`);
    case 'union':
      return (def.options ?? []).flatMap((o) => walk(o, path));
    case 'intersection':
      return [...walk(def.left, path), ...walk(def.right, path)];
    case 'record':
    case 'map':
      return walk(def.valueType, `${path}{}`);
    case 'tuple':
      return [...(def.items ?? []).flatMap((item, i) => walk(item, `${path}[${i}]`)), ...walk(def.rest, `${path}[]`)];
    case 'pipe':
      return [...walk(def.in, path), ...walk(def.out, path)];
    case 'lazy':
      return walk(def.getter?.(), path);
    default:
      return def.innerType !== undefined ? walk(def.innerType, path) : [];
  }
}

const outputs: Array<[string, z.ZodType]> = [
  ...Object.entries(methods).map(([name, spec]) => [name, spec.output as z.ZodType] as [string, z.ZodType]),
  ...Object.entries(events).map(([name, schema]) => [`event ${name}`, schema as z.ZodType] as [string, z.ZodType]),
];

describe('no contract output carries a secret', () => {
  it('walks a real number of outputs', () => {
    expect(outputs.length).toBeGreaterThan(10);
  });

  it.each(outputs)('%s', (name, schema) => {
    const found = secretLookingFields(schema).filter((field) => !ALLOWED.has(`${name}:${field}`));
    expect(found, `${name} returns fields named like secrets`).toStrictEqual([]);
  });

  it('the documented exception is real: webhookSetup still has secretHeader (drop the exception when it goes)', () => {
    expect(secretLookingFields(methods['integrations.webhookSetup'].output)).toStrictEqual(['secretHeader']);
  });

  it('would catch a secret: a synthetic output with apiKey, nested in a list, a union, a record and a default', () => {
    const leaky = z.object({
      integration: z.object({ id: z.string(), apiKey: z.string() }),
      sessions: z.array(z.object({ refreshToken: z.string().optional() })),
      either: z.union([z.object({ ok: z.literal(true) }), z.object({ clientSecret: z.string() })]),
      bySide: z.record(z.string(), z.object({ appKey: z.string() })),
      later: z.object({ password: z.string() }).default({ password: '' }),
      piped: z.object({ authtoken: z.string() }).transform((v) => v),
    });
    expect(secretLookingFields(leaky).sort()).toStrictEqual(
      [
        'bySide{}.appKey',
        'either.clientSecret',
        'integration.apiKey',
        'later.password',
        'piped.authtoken',
        'sessions[].refreshToken',
      ].sort(),
    );
  });

  it.each([
    ['a secret reference', z.object({ apiKey: secretRefSchema.default({ secret: 'sdp.apiKey' }) }), []],
    ['a plain string', z.object({ apiKey: z.string().default('') }), ['apiKey']],
    ['a list of secret states', z.object({ secrets: z.array(secretStateSchema) }), []],
    [
      'a list of anything else',
      z.object({ secrets: z.array(z.object({ name: z.string(), value: z.string() })) }),
      ['secrets'],
    ],
    ['an error code beside its message', z.object({ code: z.string(), message: z.string() }), []],
    ['a lone code (a grant code)', z.object({ code: z.string() }), ['code']],
  ])('under a secret-looking name: %s', (_name, schema, found) => {
    expect(secretLookingFields(schema)).toStrictEqual(found);
  });
});

/**
 * The documented exception must not become a way round the rule: `secretHeader` shows whatever the
 * webhook secret reference resolves to, so that reference may only name the webhook secret's own slot.
 */
describe('the webhook secret reference cannot point at another secret', () => {
  const draft = (webhookSecret: unknown) => ({
    name: 'Leak probe',
    sdp: { platform: 'cloud', dataCenter: 'US', portal: 'itdesk', clientId: '1000.ABC' },
    ingress: { webhooks: true, webhookSecret },
  });

  it.each([
    { secret: 'sdp.refreshToken' },
    { secret: 'sdp.clientSecret' },
    { secret: 'sdp.apiKey' },
    { secret: 'flashduty.appKey' },
    { secret: 'ngrok.authtoken' },
    { secret: 'webhook.secret.old' },
    { env: 'SDP_API_KEY' },
    { env: 'FD_KEY' },
    { env: 'AWS_SECRET_ACCESS_KEY' },
    { env: 'GITHUB_WEBHOOK_SECRET' },
  ])('refuses %o, naming the field and the fix', (ref) => {
    const result = validateIntegrationDraft(draft(ref));
    expect(result.ok).toBe(false);
    const issue = !result.ok ? result.problems.find((p) => p.path === 'ingress.webhookSecret') : undefined;
    expect(issue?.message).toContain('{ "secret": "webhook.secret" }');
    expect(issue?.message).toContain('DESKBRIDGE_WEBHOOK_SECRET');
  });

  it.each([
    { secret: 'webhook.secret' },
    { env: 'DESKBRIDGE_WEBHOOK_SECRET' },
    { env: 'DESKBRIDGE_WEBHOOK_SECRET_OPS' },
  ])('accepts its own slot %o', (ref) => {
    expect(integrationDraftSchema.safeParse(draft(ref)).success).toBe(true);
  });
});
