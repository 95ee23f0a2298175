import { type CSSVariablesResolver, createTheme, Drawer, Modal } from '@mantine/core';

// shade 7: white text on the primary colour meets WCAG AA contrast (shade 6 does not)
const base = {
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 8 },
  defaultRadius: 'md',
} as const;

/**
 * The theme, in the user's language: every dialog's close button (a bare ×) is named, also those
 * of @mantine/modals' confirmations and any dialog added later (axe: button-name).
 */
export function makeTheme(closeLabel: string) {
  const closeButtonProps = { 'aria-label': closeLabel };
  return createTheme({
    ...base,
    components: {
      Modal: Modal.extend({ defaultProps: { closeButtonProps } }),
      Drawer: Drawer.extend({ defaultProps: { closeButtonProps } }),
    },
  });
}

/**
 * WCAG AA asks 4.5:1 for text (web/src/theme.test.ts checks it). Mantine's defaults miss it:
 * dimmed grey is 3.3:1 on white; placeholders (the due date's among them) 2.1:1 on white and
 * 2.5:1 on a dark input; red 8 (overdue tasks, errors) 3.4:1 on the dark page, where red 4 is
 * 5.9:1 even on a dark card; a field's error (its message, and the text of the field) is red 6,
 * 3.3:1 on white. Red text uses `c="var(--carnet-color-danger-text)"`.
 */
export const cssVariablesResolver: CSSVariablesResolver = (theme) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': theme.colors.gray[7],
    '--mantine-color-placeholder': theme.colors.gray[7],
    '--carnet-color-danger-text': theme.colors.red[9],
    '--mantine-color-error': theme.colors.red[9],
    // filled red buttons (confirm a deletion, an undo): white text on red 7 is 3.9:1, on red 9 5.6:1
    '--mantine-color-red-filled': theme.colors.red[9],
    '--mantine-color-red-filled-hover': theme.colors.red[8],
  },
  dark: {
    '--mantine-color-dimmed': theme.colors.dark[1],
    '--mantine-color-placeholder': theme.colors.dark[1],
    '--carnet-color-danger-text': theme.colors.red[4],
    '--mantine-color-error': theme.colors.red[4],
  },
});
