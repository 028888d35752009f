import { t } from '../strings';

export function IncidentsPage() {
  return <p className="empty-state">{t('incidentsEmpty')}</p>;
}
