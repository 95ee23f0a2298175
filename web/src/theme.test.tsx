import { DEFAULT_THEME, Modal } from '@mantine/core';
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ContactFormModal } from './contacts/ContactForm.js';
import i18n from './i18n/index.js';
import { renderWithProviders } from './test/render.js';
import { cssVariablesResolver } from './theme.js';

// WCAG 2.x relative luminance and contrast ratio
function luminance(color: string): number {
  const hex = color.length === 4 ? color.replace(/[0-9a-f]/gi, (d) => d + d) : color;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const { white, colors } = DEFAULT_THEME;
// where the text sits, with Mantine's default colours: the page, a card or paper, an input
const BACKGROUNDS = {
  light: { page: white, 'subtle gray': colors.gray[0] },
  dark: { page: colors.dark[7], card: colors.dark[6] },
};
const INPUTS = { light: white, dark: colors.dark[6] };
const ours = cssVariablesResolver(DEFAULT_THEME);

describe('text colours reach WCAG AA (4.5:1)', () => {
  for (const scheme of ['light', 'dark'] as const) {
    const vars = ours[scheme];
    it(`red text (overdue tasks, errors), ${scheme}`, () => {
      for (const name of ['--carnet-color-danger-text', '--mantine-color-error'] as const) {
        const red = vars[name];
        for (const [where, bg] of Object.entries(BACKGROUNDS[scheme]))
          expect(contrast(red, bg), `${name} ${red} on the ${where} (${bg})`).toBeGreaterThanOrEqual(4.5);
      }
      // a field in error shows what was typed in that colour, on the input
      expect(contrast(vars['--mantine-color-error'], INPUTS[scheme])).toBeGreaterThanOrEqual(4.5);
    });
    it(`placeholders (the due date's), ${scheme}`, () => {
      const placeholder = vars['--mantine-color-placeholder'];
      expect(contrast(placeholder, INPUTS[scheme])).toBeGreaterThanOrEqual(4.5);
    });
  }
  it('white text on a filled red button (confirm a deletion or an undo), light', () => {
    const vars = ours.light as Record<string, string>;
    for (const name of ['--mantine-color-red-filled', '--mantine-color-red-filled-hover'])
      expect(contrast(white, vars[name]), name).toBeGreaterThanOrEqual(4.5);
  });
  for (const scheme of ['light', 'dark'] as const) {
    const vars = ours[scheme];
    it(`dimmed text, ${scheme}`, () => {
      for (const bg of Object.values(BACKGROUNDS[scheme]))
        expect(contrast(vars['--mantine-color-dimmed'], bg)).toBeGreaterThanOrEqual(4.5);
    });
  }
});

describe('dialogs', () => {
  afterEach(() => i18n.changeLanguage('fr'));

  it('name their close button, in the user’s language', async () => {
    await i18n.changeLanguage('fr');
    const { unmount } = renderWithProviders(<ContactFormModal opened onClose={() => {}} />);
    const dialog = await screen.findByRole('dialog', { name: 'Nouveau contact' });
    expect(dialog.querySelector('.mantine-Modal-close')).toHaveAccessibleName('Fermer');
    unmount();
    await i18n.changeLanguage('en');
    renderWithProviders(
      <Modal opened onClose={() => {}} title="Any dialog">
        …
      </Modal>,
    );
    const other = await screen.findByRole('dialog', { name: 'Any dialog' });
    expect(other.querySelector('.mantine-Modal-close')).toHaveAccessibleName('Close');
  });
});
