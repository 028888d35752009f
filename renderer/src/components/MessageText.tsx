import type { Message } from '../../../shared/common/contract';
import { t } from '../i18n';
import { isStoredText, renderMessage } from '../i18n/messages';

/**
 * A message from the main process in the chosen language. Text an earlier version stored in English
 * cannot be worded again: it is shown as stored, with a mark that says so.
 */
export function MessageText({ message }: { message: Message }) {
  const text = renderMessage(message);
  if (!isStoredText(message)) return <>{text}</>;
  return (
    <>
      <span className="badge stored-text" title={t('storedTextHint')} data-testid="stored-text">
        {t('storedText')}
      </span>{' '}
      {text}
    </>
  );
}
