import type { Action } from '../lib/use-action';
import { ErrorText } from './ErrorText';

/**
 * The line beside a user-started call's button once it has answered: what it did, worded as it is
 * shown (so it follows a language switch), or its error; nothing while it is idle or running.
 */
export function ActionNote<T>({
  action,
  done,
  block = false,
  testId,
}: {
  action: Action<T>;
  done: (value: T) => string;
  block?: boolean;
  testId?: string;
}) {
  if (action.kind !== 'done')
    return <ErrorText text={action.kind === 'error' ? action.message : null} block={block} testId={testId} />;
  const Tag = block ? 'p' : 'span';
  return (
    <Tag className="ok-text" role="status" data-testid={testId}>
      {done(action.value)}
    </Tag>
  );
}
