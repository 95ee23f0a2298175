import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import i18n from '../i18n/index.js';
import { MoneyInput, moneyText, moneyValue } from './MoneyInput.js';

function Field({ error }: { error?: string }) {
  const [text, setText] = useState('');
  return (
    <MantineProvider>
      <MoneyInput label="Montant" value={text} onChange={setText} error={error} />
      <output>{text}</output>
    </MantineProvider>
  );
}

beforeEach(async () => {
  await i18n.changeLanguage('fr');
});

describe('MoneyInput', () => {
  it('asks phones for a decimal keypad', () => {
    render(<Field />);
    expect(screen.getByRole('textbox', { name: 'Montant' })).toHaveAttribute('inputmode', 'decimal');
  });

  it('refuses on its own, without a form: the message appears on leaving the field', async () => {
    render(<Field />);
    const input = screen.getByRole('textbox', { name: 'Montant' });
    await userEvent.type(input, '12,500');
    // not while typing: "12,5" on the way to "12,50" is no mistake yet
    expect(input).not.toHaveAttribute('aria-invalid');
    await userEvent.tab();
    expect(input).toHaveAccessibleDescription(/^Montant ambigu/);
    expect(input).toHaveValue('12,500');
  });

  it('rewrites an amount in the language’s format on leaving the field', async () => {
    render(<Field />);
    const input = screen.getByRole('textbox', { name: 'Montant' });
    await userEvent.type(input, 'EUR 1.234.567,8');
    await userEvent.tab();
    expect(input).toHaveValue('1 234 567,80');
    expect(input).not.toHaveAttribute('aria-invalid');
  });

  it('shows an error given by its form (the API’s) before its own', async () => {
    render(<Field error="Refusé par le serveur" />);
    const input = screen.getByRole('textbox', { name: 'Montant' });
    await userEvent.type(input, '-5');
    await userEvent.tab();
    expect(input).toHaveAccessibleDescription('Refusé par le serveur');
  });
});

describe('moneyText and moneyValue', () => {
  it('round-trip an API amount through the text of each language', () => {
    for (const locale of ['fr', 'en'] as const) {
      for (const n of [0, 0.1, 12.5, 1500, 12500.5, 99999999.99]) {
        expect(moneyValue(moneyText(n, locale), locale)).toBe(n);
      }
      expect(moneyText(null, locale)).toBe('');
      expect(moneyValue('  ', locale)).toBeNull();
    }
  });

  it('refuse to turn a refused text into an amount', () => {
    expect(() => moneyValue('12,500', 'fr')).toThrow(/ambiguous/);
  });
});
