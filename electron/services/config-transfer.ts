import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import {
  formatPath,
  looksLikeSecretKey,
  secretRefSchema,
  validateIntegrationConfig,
  type ConfigProblem,
  type IntegrationConfig,
} from '../../shared/common/config';
import { AppError } from '../../shared/common/errors';

/** The format version of exported files; a file with another version was written by a different DeskBridge. */
const EXPORT_FORMAT_VERSION = 1;

/** A problem of the file itself carries a code and parameters, so the UI can word it in its language. */
type TransferCode =
  | 'import.json_syntax'
  | 'import.json_invalid'
  | 'import.not_export'
  | 'import.empty'
  | 'import.duplicate_id'
  | 'import.version'
  | 'import.exported_at'
  | 'import.integrations_list';
export type TransferProblem = Omit<ConfigProblem, 'code'> & { code?: ConfigProblem['code'] | TransferCode };

export type ParsedIntegrations =
  { ok: true; integrations: IntegrationConfig[] } | { ok: false; problems: TransferProblem[] };

/**
 * Every key that smells of a credential must hold a reference (`{ secret }` / `{ env }`): the
 * config schema already guarantees it, and this guards the file that leaves the machine against
 * a future schema that forgets.
 */
function assertNoSecretValues(value: unknown, path: PropertyKey[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertNoSecretValues(item, [...path, i]));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    if (looksLikeSecretKey(key) && !secretRefSchema.safeParse(child).success) {
      throw new AppError(
        'config.export_secret',
        `Refusing to export: ${formatPath([...path, key])} holds a value instead of a secret reference.`,
        { details: { path: formatPath([...path, key]) } },
      );
    }
    if (!secretRefSchema.safeParse(child).success) assertNoSecretValues(child, [...path, key]);
  }
}

/** Integrations as the pretty JSON file admins move between machines and give to `serve --config`. */
export function exportIntegrations(configs: readonly IntegrationConfig[], now: number = Date.now()): string {
  const envelope = { deskbridge: EXPORT_FORMAT_VERSION, exportedAt: now, integrations: configs };
  assertNoSecretValues(envelope.integrations, ['integrations']);
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

/** Line and column (1-based) of a character offset, for pointing at a JSON syntax error. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

function jsonProblem(text: string, error: unknown): TransferProblem {
  const raw = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(raw);
  // V8's wording after the position may quote the input; keep only its description of the fault.
  const reason = raw
    .replace(/\s*in JSON at position \d+.*$/s, '')
    .replace(/^Unexpected end of JSON input$/, 'The text ends too early');
  if (position) {
    const { line, column } = lineAndColumn(text, Number(position[1]));
    return {
      path: '',
      message: `Not valid JSON at line ${line}, column ${column}: ${reason}.`,
      code: 'import.json_syntax',
      params: { line, column, reason },
    };
  }
  return { path: '', message: `Not valid JSON: ${reason}.`, code: 'import.json_invalid', params: { reason } };
}

/** The envelope's own problems, by code (see `TransferProblem`). */
const ENVELOPE_CODES: Record<string, TransferCode> = {
  deskbridge: 'import.version',
  exportedAt: 'import.exported_at',
  integrations: 'import.integrations_list',
};

const envelopeSchema = z.looseObject({
  deskbridge: z.literal(EXPORT_FORMAT_VERSION, {
    error: `"deskbridge" must be ${EXPORT_FORMAT_VERSION}: this file was written by a different version of DeskBridge, or by hand with a typo.`,
  }),
  exportedAt: z.number({ error: '"exportedAt" must be a time in milliseconds since 1970.' }).optional(),
  integrations: z.array(z.unknown(), { error: '"integrations" must be a list of integrations.' }),
});

function envelopeProblem(issue: z.core.$ZodIssue): TransferProblem {
  const code = ENVELOPE_CODES[String(issue.path[0])];
  const params: Record<string, number> = code === 'import.version' ? { version: EXPORT_FORMAT_VERSION } : {};
  return { path: formatPath(issue.path), message: issue.message, ...(code === undefined ? {} : { code, params }) };
}

function listOf(document: unknown): { ok: true; items: unknown[] } | { ok: false; problems: TransferProblem[] } {
  if (Array.isArray(document)) return { ok: true, items: document };
  if (document === null || typeof document !== 'object') {
    return {
      ok: false,
      problems: [
        {
          path: '',
          message:
            'Expected a DeskBridge export ({ "deskbridge": 1, "integrations": [...] }) or a list of integrations.',
          code: 'import.not_export',
          params: {},
        },
      ],
    };
  }
  const parsed = envelopeSchema.safeParse(document);
  if (parsed.success) return { ok: true, items: parsed.data.integrations };
  return { ok: false, problems: parsed.error.issues.map(envelopeProblem) };
}

/**
 * Reads an export (or a bare list of integrations) and validates every integration, naming each
 * bad field with its place in the list, e.g. `integrations[1].sdp.endpoint` (the same paths for a
 * bare list). Inline secrets are refused by the config schema. All-or-nothing: one bad
 * integration fails the whole file, so an import never half-happens.
 */
export function parseIntegrationsJson(text: string, options: { stampMissingTimes?: number } = {}): ParsedIntegrations {
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, problems: [jsonProblem(text, error)] };
  }
  const list = listOf(document);
  if (!list.ok) return list;
  if (list.items.length === 0)
    return {
      ok: false,
      problems: [
        { path: 'integrations', message: 'The file holds no integrations.', code: 'import.empty', params: {} },
      ],
    };

  const problems: TransferProblem[] = [];
  const integrations: IntegrationConfig[] = [];
  const firstIndexOfId = new Map<string, number>();
  list.items.forEach((item, index) => {
    const prefix = `integrations[${index}]`;
    // Hand-written server configs need not carry timestamps; the load time stands in for them.
    const stamped =
      options.stampMissingTimes !== undefined && item !== null && typeof item === 'object' && !Array.isArray(item)
        ? {
            createdAt: options.stampMissingTimes,
            updatedAt: options.stampMissingTimes,
            ...(item as Record<string, unknown>),
          }
        : item;
    const result = validateIntegrationConfig(stamped);
    if (!result.ok) {
      for (const p of result.problems) problems.push({ ...p, path: p.path === '' ? prefix : `${prefix}.${p.path}` });
      return;
    }
    const earlier = firstIndexOfId.get(result.config.id);
    if (earlier !== undefined) {
      problems.push({
        path: `${prefix}.id`,
        message: `ID "${result.config.id}" is already used by integrations[${earlier}]; give each integration its own ID.`,
        code: 'import.duplicate_id',
        params: { id: result.config.id, earlier },
      });
      return;
    }
    firstIndexOfId.set(result.config.id, index);
    integrations.push(result.config);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, integrations };
}

/**
 * The integrations of a headless `serve --config FILE`, in the export format. Throws `config.file`
 * with every problem listed (one per line, also in `details.problems`) so the server can print it
 * and exit.
 */
export async function loadConfigFile(path: string): Promise<IntegrationConfig[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'the file does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied (check who owns the file and its mode)'
          : code === 'EISDIR'
            ? 'it is a directory, not a file'
            : `it cannot be read (${code ?? 'unknown error'})`;
    throw new AppError('config.file', `Cannot load the config file ${path}: ${reason}.`, {
      details: { path, ...(code === undefined ? {} : { errno: code }) },
    });
  }
  const parsed = parseIntegrationsJson(text, { stampMissingTimes: Date.now() });
  if (parsed.ok) return parsed.integrations;
  const lines = parsed.problems.map((p) => (p.path === '' ? `- ${p.message}` : `- ${p.path}: ${p.message}`));
  throw new AppError(
    'config.file',
    `The config file ${path} has ${parsed.problems.length === 1 ? 'a problem' : `${parsed.problems.length} problems`}:\n${lines.join('\n')}`,
    {
      details: { path, problems: parsed.problems },
    },
  );
}
