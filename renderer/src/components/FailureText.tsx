import type { Failure } from '../../../shared/common/contract';
import { t } from '../i18n';
import { MessageText } from './MessageText';

/** A failure as the log detail and the failed list show it: what happened, then the fix. */
export function FailureText({ failure, showCode = false }: { failure: Failure; showCode?: boolean }) {
  return (
    <>
      <p>
        {showCode ? (
          <>
            <code>{failure.code}</code>{' '}
          </>
        ) : null}
        <MessageText message={failure.message} />
      </p>
      {failure.fix ? (
        <p className="small">
          <strong>{t('fix')}:</strong> <MessageText message={failure.fix} />
        </p>
      ) : null}
    </>
  );
}
