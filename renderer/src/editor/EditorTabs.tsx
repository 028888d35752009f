import { useRef, type KeyboardEvent } from 'react';
import { SECTIONS, type SectionId } from '../lib/form-fields';
import { t } from '../i18n';
import { BasicsSection } from './BasicsSection';
import { ConnectionSection } from './ConnectionSection';
import { DryRunPanel } from './DryRunPanel';
import { InboundSection } from './InboundSection';
import { StatusSection } from './StatusSection';
import { TicketSection } from './TicketSection';

export type Tab = SectionId | 'dryrun';
const TABS: readonly Tab[] = [...SECTIONS, 'dryrun'];

const PANELS: Record<Tab, () => React.JSX.Element> = {
  connection: ConnectionSection,
  basics: BasicsSection,
  ticket: TicketSection,
  status: StatusSection,
  inbound: InboundSection,
  dryrun: DryRunPanel,
};

/** The tab a key moves to (arrows wrap, Home and End jump), or undefined for any other key. */
function tabAfter(tab: Tab, key: string): Tab | undefined {
  const i = TABS.indexOf(tab);
  if (key === 'ArrowRight') return TABS[(i + 1) % TABS.length];
  if (key === 'ArrowLeft') return TABS[(i - 1 + TABS.length) % TABS.length];
  if (key === 'Home') return TABS[0];
  if (key === 'End') return TABS[TABS.length - 1];
  return undefined;
}

/** The sections as tabs, each with its problem count, and their panels (all rendered, the others hidden). */
export function EditorTabs({
  tab,
  onTab,
  problems,
}: {
  tab: Tab;
  onTab: (tab: Tab) => void;
  problems: Record<SectionId, number>;
}) {
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const onKey = (e: KeyboardEvent<HTMLButtonElement>): void => {
    const next = tabAfter(tab, e.key);
    if (!next) return;
    e.preventDefault();
    onTab(next);
    tabRefs.current[next]?.focus();
  };
  return (
    <>
      <div className="tabs" role="tablist" aria-label={t('editorSections')}>
        {TABS.map((id) => {
          const count = id === 'dryrun' ? 0 : problems[id];
          return (
            <button
              key={id}
              type="button"
              role="tab"
              id={`tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`panel-${id}`}
              tabIndex={tab === id ? 0 : -1}
              className={tab === id ? 'tab active' : 'tab'}
              ref={(el) => {
                tabRefs.current[id] = el;
              }}
              onClick={() => onTab(id)}
              onKeyDown={onKey}
            >
              {id === 'dryrun' ? t('tab_dryrun') : `${SECTIONS.indexOf(id) + 1}. ${t(`tab_${id}`)}`}
              {count > 0 ? (
                <span className="count-badge" aria-label={t('problemCount', { n: count })}>
                  {count}
                </span>
              ) : null}
            </button>
          );
        })}
      </div>
      {TABS.map((id) => {
        const Panel = PANELS[id];
        return (
          <div
            key={id}
            role="tabpanel"
            id={`panel-${id}`}
            aria-labelledby={`tab-${id}`}
            hidden={tab !== id}
            className="tab-panel"
          >
            <Panel />
          </div>
        );
      })}
    </>
  );
}
