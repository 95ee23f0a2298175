import { Button } from '@mantine/core';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import { ContactFormModal } from '../contacts/ContactForm.js';
import i18n from '../i18n/index.js';
import { BASE_ROUTES, fakeApi } from '../opportunities/fakeApi.js';
import { renderWithProviders } from '../test/render.js';
import { SearchSpotlight } from './SearchSpotlight.js';

beforeEach(async () => {
  await i18n.changeLanguage('fr');
  fakeApi({ ...BASE_ROUTES, 'GET /api/v1/companies': { data: [], next_cursor: null } });
});
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

function OpensContactForm() {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button onClick={() => setOpened(true)}>Nouveau contact</Button>
      <ContactFormModal opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}

describe('focus goes back where it was when a dialog closes', () => {
  it('to the button that opened the contact form, closed with Escape or its close button', async () => {
    renderWithProviders(<OpensContactForm />);
    const opener = screen.getByRole('button', { name: 'Nouveau contact' });
    await userEvent.click(opener);
    const dialog = await screen.findByRole('dialog', { name: 'Nouveau contact' });
    await waitFor(() => expect(dialog).toContainElement(document.activeElement as HTMLElement));
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(opener).toHaveFocus());

    await userEvent.click(opener);
    await userEvent.click(await screen.findByRole('button', { name: 'Fermer' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(opener).toHaveFocus());
  });

  it('to what had focus before Ctrl-K, when the search is closed', async () => {
    renderWithProviders(
      <>
        <Button>Avant</Button>
        <SearchSpotlight />
      </>,
    );
    const before = screen.getByRole('button', { name: 'Avant' });
    before.focus();
    await userEvent.keyboard('{Control>}k{/Control}');
    const search = await screen.findByRole('dialog');
    await waitFor(() => expect(search).toContainElement(document.activeElement as HTMLElement));
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(before).toHaveFocus());
  });

  it('to the field of an open form, and Escape in the search leaves the form and what was typed', async () => {
    renderWithProviders(
      <>
        <OpensContactForm />
        <SearchSpotlight />
      </>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Nouveau contact' }));
    const form = await screen.findByRole('dialog', { name: 'Nouveau contact' });
    const first = within(form).getByRole('textbox', { name: 'Prénom' });
    await userEvent.type(first, 'Jeanne');
    await userEvent.keyboard('{Control>}k{/Control}');
    const search = await screen.findByRole('dialog', { name: 'Rechercher' }, { timeout: 5000 });
    await waitFor(() => expect(search).toContainElement(document.activeElement as HTMLElement));
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Rechercher' })).toBeNull());
    expect(screen.getByRole('dialog', { name: 'Nouveau contact' })).toBeInTheDocument();
    await waitFor(() => expect(first).toHaveFocus());
    expect(first).toHaveValue('Jeanne');
    // and Escape there closes the form, as before
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
