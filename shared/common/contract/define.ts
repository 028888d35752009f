import { z } from 'zod';

/** One UI → main call: what it takes, what it returns, and a line for people reading the map. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  summary: string;
}

export function method<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  summary: string,
): MethodSpec<I, O> {
  return { input, output, summary };
}

/** Every failure crosses either transport in this shape, so the UI shows all errors the same way. */
export const contractErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ContractErrorShape = z.infer<typeof contractErrorSchema>;

/** The error the renderer's Backend throws, carrying the dispatcher's `{ code, message, details }`. */
export class ContractError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  constructor(shape: ContractErrorShape) {
    super(shape.message);
    this.name = 'ContractError';
    this.code = shape.code;
    this.details = shape.details;
  }
}

/** Over IPC, thrown errors lose their fields, so results travel as an explicit envelope. */
export type DispatchResult = { ok: true; value: unknown } | { ok: false; error: ContractErrorShape };

/** Codes the dispatcher itself produces; services add their own (e.g. `sdp.auth`, `vault.unavailable`). */
export const DISPATCH_CODES = {
  unknownMethod: 'contract.unknown_method',
  invalidInput: 'contract.invalid_input',
  invalidOutput: 'contract.invalid_output',
  notFound: 'not_found',
  internal: 'internal',
} as const;
