import type { MethodOutput } from '../../../shared/common/contract';
import { TableHead } from '../components/TableHead';
import { t } from '../i18n';

export type ImportPreview = MethodOutput<'config.importPreview'>;

/** What an import would replace, field by field (now / after), with the confirmation. */
export function ImportReview({
  items,
  onConfirm,
  onCancel,
}: {
  items: ImportPreview['integrations'];
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div
      className="import-review"
      role="group"
      aria-label={t('importReview', { n: items.filter((i) => i.replaces).length })}
      data-testid="import-review"
    >
      <p>{t('importReview', { n: items.filter((i) => i.replaces).length })}</p>
      {items.map((i) =>
        i.replaces ? (
          <div key={i.id}>
            <h3>{t('importReplaces', { name: i.name })}</h3>
            {i.changes.length === 0 ? (
              <p className="muted">{t('importNoChanges')}</p>
            ) : (
              <div className="table-wrap">
                <table className="table diff">
                  <TableHead columns={[t('diffField'), t('diffNow'), t('diffAfter')]} />
                  <tbody>
                    {i.changes.map((c) => (
                      <tr key={c.path}>
                        <td>
                          <code>{c.path}</code>
                        </td>
                        <td>
                          <code>{c.from ?? '—'}</code>
                        </td>
                        <td>
                          <code>{c.to ?? '—'}</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        ) : (
          <p key={i.id}>{t('importAdds', { name: i.name })}</p>
        ),
      )}
      <div className="inline">
        <button type="button" className="danger" onClick={onConfirm} data-testid="import-confirm">
          {t('importReplace')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
