import type { Message } from '../../common/contract';
import type { Operation } from './types';

export type Skip = Extract<Operation, { type: 'skip' }>;

/** A planned skip: nothing is written; the reason is logged (and `extra` names a counterpart to link). */
export const skip = (code: Skip['code'], reason: Message, extra: Partial<Skip> = {}): Skip => ({
  type: 'skip',
  code,
  reason,
  ...extra,
});
