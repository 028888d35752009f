import type { ReactNode } from 'react';
import { t } from '../i18n';

export type Column = string | { label: string; className: string };

/**
 * A table's header row. `lead` heads a first column of controls (a select-all box); the last column,
 * when asked for, holds each row's buttons (named for screen readers).
 */
export function TableHead({
  columns,
  actions = false,
  lead,
}: {
  columns: readonly Column[];
  actions?: boolean;
  lead?: ReactNode;
}) {
  return (
    <thead>
      <tr>
        {lead === undefined ? null : <th scope="col">{lead}</th>}
        {columns.map((c) =>
          typeof c === 'string' ? (
            <th key={c} scope="col">
              {c}
            </th>
          ) : (
            <th key={c.label} scope="col" className={c.className}>
              {c.label}
            </th>
          ),
        )}
        {actions ? (
          <th scope="col">
            <span className="sr-only">{t('actions')}</span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}
