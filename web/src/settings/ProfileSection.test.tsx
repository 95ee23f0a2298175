import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import { setLanguage } from '../i18n/index.js';
import { ADMIN_ME, reply, stubFetch } from '../tasks/stubFetch.js';
import { renderWithProviders } from '../test/render.js';
import { ProfileSection } from './ProfileSection.js';

beforeEach(() => setLanguage('fr'));
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

const problem = (field: string, code: string, message: string) =>
  reply(400, {
    type: '/problems/validation-error',
    title: 'Invalid request',
    status: 400,
    detail: `${field}: ${message}`,
    errors: [{ field, code, message }],
  });

async function fillPassword(current: string, next: string, confirm = next) {
  await userEvent.type(screen.getByLabelText(/^Mot de passe actuel/), current);
  await userEvent.type(screen.getByLabelText(/^Nouveau mot de passe/), next);
  await userEvent.type(screen.getByLabelText(/^Confirmer le nouveau mot de passe/), confirm);
  await userEvent.click(screen.getByRole('button', { name: 'Changer le mot de passe' }));
}

describe('the password form', () => {
  it('shows the API’s field error next to the field, in French', async () => {
    const patch = vi.fn(({ body }: { body: unknown }) =>
      (body as { current_password: string }).current_password === 'wrong'
        ? problem(
            'current_password',
            'wrong_password',
            'is required to change the password, and must be right',
          )
        : problem('password', 'common_password', 'is one of the most common passwords; choose another'),
    );
    stubFetch({ 'GET /auth/me': () => ADMIN_ME, 'PATCH /auth/me': patch });
    renderWithProviders(<ProfileSection />);
    await screen.findByRole('button', { name: 'Changer le mot de passe' });

    await fillPassword('wrong', 'Plume-Verte-Orage-43');
    expect(await screen.findByText('Le mot de passe actuel est incorrect.')).toBeInTheDocument();
    const current = screen.getByLabelText(/^Mot de passe actuel/);
    expect(current).toHaveAttribute('aria-invalid', 'true');
    expect(current).toHaveAccessibleDescription('Le mot de passe actuel est incorrect.');
    expect(patch).toHaveBeenCalledWith(
      expect.objectContaining({ body: { current_password: 'wrong', password: 'Plume-Verte-Orage-43' } }),
    );
  });

  it('checks that the two new passwords match before asking the API', async () => {
    const patch = vi.fn(() => ADMIN_ME);
    stubFetch({ 'GET /auth/me': () => ADMIN_ME, 'PATCH /auth/me': patch });
    renderWithProviders(<ProfileSection />);
    await screen.findByRole('button', { name: 'Changer le mot de passe' });
    await fillPassword('current-one', 'Plume-Verte-Orage-43', 'something else');
    expect(await screen.findByText('Les deux mots de passe ne sont pas identiques.')).toBeInTheDocument();
    expect(patch).not.toHaveBeenCalled();
  });
});
