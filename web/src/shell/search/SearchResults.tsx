import { Text, VisuallyHidden } from '@mantine/core';
import { IconBriefcase, IconBuilding, IconUser } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Highlight } from './Highlight.js';
import type { HitType, KnownHit } from './SearchDialog.js';

const ICONS: Record<HitType, typeof IconUser> = {
  contact: IconUser,
  company: IconBuilding,
  opportunity: IconBriefcase,
};
const TYPE_LABEL_KEYS = {
  contact: 'searchTypeContact',
  company: 'searchTypeCompany',
  opportunity: 'searchTypeOpportunity',
} as const;

interface Props {
  id: string;
  optionId: (index: number) => string;
  /** in the server's order: it is the ranking */
  hits: KnownHit[];
  /** what the hits answer, for the highlight */
  query: string;
  active: number;
  /** newer hits are on their way */
  busy: boolean;
  onHover: (index: number) => void;
  onChoose: (hit: KnownHit) => void;
}

/**
 * The hits as a listbox whose options stay out of the tab order (focus stays in the search
 * field, which points at the active one). Each says its type in words as well as by its icon.
 */
export function SearchResults({ id, optionId, hits, query, active, busy, onHover, onChoose }: Props) {
  const { t } = useTranslation('shell');
  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active, optionId]);

  return (
    <div id={id} role="listbox" aria-label={t('searchResults')} aria-busy={busy} className="search-results">
      {hits.map((hit, i) => {
        const Icon = ICONS[hit.type];
        return (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the keys are the combobox's (↑/↓, Enter in the field)
          <div
            key={`${hit.type}-${hit.id}`}
            id={optionId(i)}
            role="option"
            // reachable through the field's aria-activedescendant, never by Tab
            tabIndex={-1}
            aria-selected={i === active}
            data-active={i === active || undefined}
            className="search-option"
            onMouseMove={() => i !== active && onHover(i)}
            // the field keeps focus (and its caret) when a hit is clicked
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onChoose(hit)}
          >
            <Icon size={18} aria-hidden className="search-option-icon" />
            <span className="search-option-text">
              <VisuallyHidden>{`${t(TYPE_LABEL_KEYS[hit.type])}, `}</VisuallyHidden>
              <Text span size="sm" fw={500} className="search-option-title">
                <Highlight text={hit.title} query={query} />
              </Text>
              {hit.subtitle && <VisuallyHidden>, </VisuallyHidden>}
              {hit.subtitle && (
                <Text span size="xs" c="dimmed" className="search-option-subtitle">
                  <Highlight text={hit.subtitle} query={query} />
                </Text>
              )}
            </span>
          </div>
        );
      })}
    </div>
  );
}
