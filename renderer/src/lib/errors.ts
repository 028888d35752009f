import { ContractError } from '../../../shared/common/contract';
import { locale, t } from '../i18n';
import { describeError, worded } from '../i18n/error-text';

/** One problem of a refused input (an import's file, a form): its field and what is wrong, by code where known. */
interface Issue {
  path: string;
  message: string;
  code?: string;
  params?: Record<string, string | number>;
}

const isIssue = (value: unknown): value is Issue =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Issue).path === 'string' &&
  typeof (value as Issue).message === 'string';

function issueText(issue: Issue): string {
  const what = (issue.code && worded(issue.code, issue.params ?? {})) || issue.message;
  if (issue.path === '' || issue.path === '(input)') return what;
  // A field path is data: Chinese text quotes it, as it quotes every name it does not translate.
  return locale() === 'zh-CN' ? `“${issue.path}”：${what}` : `${issue.path}: ${what}`;
}

/** A refused input: the sentence, then each problem with its field. */
function invalidInput(details: Record<string, unknown> | undefined): string | null {
  const issues = Array.isArray(details?.issues) ? details.issues.filter(isIssue) : [];
  if (issues.length === 0) return null;
  return t('err_contract.invalid_input', { problems: issues.map(issueText).join(locale() === 'zh-CN' ? '；' : '; ') });
}

function byCode(code: string, details: Record<string, unknown> | undefined): string | null {
  if (code === 'contract.invalid_input') return invalidInput(details);
  if (code === 'http.offline') return t('backendOffline');
  const status = /^http\.(\d{3})$/.exec(code)?.[1];
  if (status !== undefined) return t('backendHttpError', { status });
  return describeError(code, details);
}

/**
 * What to show for a failed call, in the chosen language: worded from its code and details where
 * the string tables know the code, else the service's own (English) message, which says what to do.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ContractError) return byCode(error.code, error.details) ?? error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
