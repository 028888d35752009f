import { useState } from 'react';
import { t } from '../i18n';

/** Copies `text` to the clipboard and says so for a moment; the label names what is copied. */
export function CopyButton({ text, what, testId }: { text: string; what: string; testId?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2000);
  };
  return (
    <button
      type="button"
      className="secondary small-button"
      onClick={() => void copy()}
      aria-label={t('copyWhat', { what })}
      data-testid={testId}
    >
      {state === 'copied' ? t('copied') : state === 'failed' ? t('copyFailed') : t('copy')}
    </button>
  );
}
