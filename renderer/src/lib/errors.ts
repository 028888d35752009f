import { ContractError } from '../../../shared/common/contract';

/** What to show for a failed call: the service's own message (it says what to do next), or a generic line. */
export function errorMessage(error: unknown): string {
  if (error instanceof ContractError || error instanceof Error) return error.message;
  return String(error);
}
