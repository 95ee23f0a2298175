import { Group, Text, UnstyledButton } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { isApple, isSearchShortcut, shortcutKeys, shortcutLabel } from './search/shortcut.js';

// The dialog (its list, highlight and query) is a chunk of its own, fetched when the browser is
// idle after the first screen or at the first use, whichever comes first: the shell stays within
// the first-load budget (scripts/web-size.mjs).
const loadDialog = () => import('./search/SearchDialog.js');
const SearchDialog = lazy(loadDialog);

/** Runs `fn` once the browser has nothing better to do (Safari has no requestIdleCallback). */
function whenIdle(fn: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(fn, { timeout: 5000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(fn, 2000);
  return () => window.clearTimeout(id);
}

/** How long a page just opened from the search may take to show its heading. */
const HEADING_WAIT_MS = 5000;

/**
 * Focus on the page a hit opened: its main region at once (focus would otherwise fall to the
 * body as the dialog goes), then its heading when the page has drawn it, unless the user has
 * moved focus meanwhile. Pages load their code and data, so the heading comes later.
 */
function focusNewPage() {
  const main = document.getElementById('main');
  if (!main) return;
  main.setAttribute('tabindex', '-1');
  main.focus({ preventScroll: true });
  const until = Date.now() + HEADING_WAIT_MS;
  const look = () => {
    if (document.activeElement !== main) return;
    const heading = main.querySelector<HTMLElement>('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    } else if (Date.now() < until) window.setTimeout(look, 50);
  };
  look();
}

/**
 * The header's search button and the Ctrl-K (⌘K on a Mac) shortcut, which works from anywhere,
 * text fields included (it is not a character anyone types). On close, focus goes back to what
 * had it; after a hit is chosen, to the page it opened.
 */
export function SearchSpotlight() {
  const { t } = useTranslation('shell');
  const navigate = useNavigate();
  const location = useLocation();
  const [opened, setOpened] = useState(false);
  // mounted from the first opening on, so its chunk is not fetched before it is needed
  const [used, setUsed] = useState(false);
  const opener = useRef<HTMLElement | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const arriving = useRef(false);
  const apple = isApple();

  const open = useCallback(() => {
    const focused = document.activeElement;
    opener.current = focused instanceof HTMLElement && focused !== document.body ? focused : null;
    setUsed(true);
    setOpened(true);
  }, []);

  const close = useCallback(() => {
    setOpened(false);
    const back = opener.current;
    opener.current = null;
    // after the dialog's own focus trap lets go
    window.setTimeout(() => {
      // what had focus may have gone meanwhile (a list refreshed): the search button, then
      ((back?.isConnected ? back : null) ?? button.current)?.focus({ preventScroll: true });
    }, 0);
  }, []);

  const choose = useCallback(
    (path: string) => {
      opener.current = null;
      setOpened(false);
      arriving.current = true;
      navigate(path);
    },
    [navigate],
  );

  // the new page is on screen once the location has changed
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each navigation, by its key
  useEffect(() => {
    if (!arriving.current) return;
    arriving.current = false;
    focusNewPage();
  }, [location.key]);

  useEffect(() => {
    // capture: seen before any field or dialog handles the key (Mantine's hotkeys skip fields)
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.repeat || !isSearchShortcut(e, apple)) return;
      e.preventDefault();
      e.stopPropagation();
      if (opened) close();
      else open();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [apple, opened, open, close]);

  useEffect(() => whenIdle(() => void loadDialog()), []);

  return (
    <>
      <UnstyledButton
        ref={button}
        onClick={open}
        onPointerEnter={() => void loadDialog()}
        onFocus={() => void loadDialog()}
        aria-label={t('searchPlaceholder')}
        aria-keyshortcuts={shortcutKeys(apple)}
        className="search-button"
      >
        <Group gap="xs" wrap="nowrap">
          <IconSearch size={16} aria-hidden />
          <Text size="sm" c="dimmed" visibleFrom="xs" className="search-button-label">
            {t('searchPlaceholder')}
          </Text>
          <kbd className="search-button-keys">{shortcutLabel(apple)}</kbd>
        </Group>
      </UnstyledButton>
      {used && (
        <Suspense fallback={null}>
          <SearchDialog opened={opened} onClose={close} onChoose={choose} />
        </Suspense>
      )}
    </>
  );
}
