// The search shortcut: ⌘K on Apple systems, Ctrl K elsewhere. On a Mac, Ctrl-K in a text field
// deletes to the end of the line (and ⊞-K on Windows is the system's), so each platform gets
// only its own modifier, and the header button shows the one that works here.

type NavigatorWithUAData = Navigator & { userAgentData?: { platform?: string } };

/** Whether this browser runs on macOS or iOS (iPadOS with a keyboard has ⌘ too). */
export function isApple(nav: Navigator | undefined = globalThis.navigator): boolean {
  if (!nav) return false;
  const platform = (nav as NavigatorWithUAData).userAgentData?.platform || nav.platform || nav.userAgent;
  return /mac|iphone|ipad|ipod/i.test(platform ?? '');
}

/** The shortcut as the header button shows it. */
export const shortcutLabel = (apple = isApple()) => (apple ? '⌘K' : 'Ctrl K');

/** The shortcut as screen readers and `aria-keyshortcuts` name it. */
export const shortcutKeys = (apple = isApple()) => (apple ? 'Meta+K' : 'Control+K');

/**
 * Whether a keydown is the search shortcut. The key is read by its character, so it follows the
 * keyboard's layout (K is where the user sees it); a layout without Latin letters (Russian, Greek)
 * falls back to the physical K key.
 */
export function isSearchShortcut(e: KeyboardEvent, apple = isApple()): boolean {
  if (e.isComposing || e.altKey || e.shiftKey) return false;
  if (apple ? !e.metaKey || e.ctrlKey : !e.ctrlKey || e.metaKey) return false;
  const key = e.key.length === 1 ? e.key.toLowerCase() : '';
  return key === 'k' || (!/^[a-z]$/.test(key) && e.code === 'KeyK');
}
