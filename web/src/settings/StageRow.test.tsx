import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import { ApiError } from '../api/client.js';
import type { PipelineStage } from '../api/types.js';
import { setLanguage } from '../i18n/index.js';
import { renderWithProviders } from '../test/render.js';
import { StageRow } from './StageRow.js';

const STAGE: PipelineStage = {
  stage_id: 2,
  name: 'Qualification',
  position: 2,
  probability: 25,
  kind: 'open',
};

function renderRow(over: Partial<React.ComponentProps<typeof StageRow>> = {}) {
  const props = {
    stage: STAGE,
    first: false,
    last: false,
    busy: false,
    onMove: vi.fn(),
    onSave: vi.fn(async () => ({})),
    onDelete: vi.fn(),
    ...over,
  };
  renderWithProviders(
    <ul>
      <StageRow {...props} />
    </ul>,
  );
  const row = screen.getByRole('form', { name: 'Étape 2 : Qualification' });
  return { props, row, save: within(row).getByRole('button', { name: 'Enregistrer « Qualification »' }) };
}

const apiError = (status: number, type: string, errors: { field: string; message: string }[]) =>
  new ApiError(status, { type, title: 'x', status, errors });

beforeEach(() => setLanguage('fr'));
afterEach(() => {
  queryClient.clear();
  vi.restoreAllMocks();
});

describe('StageRow', () => {
  it('can be saved once something changed, and then sends only that', async () => {
    const { props, row, save } = renderRow();
    expect(save).toBeDisabled();
    const name = within(row).getByRole('textbox', { name: /^Nom/ });
    await userEvent.clear(name);
    await userEvent.type(name, ' Découverte ');
    expect(save).toBeEnabled();
    await userEvent.click(save);
    await waitFor(() => expect(props.onSave).toHaveBeenCalledWith({ name: 'Découverte' }));
    // saved: nothing left to save, and the field shows what was saved
    await waitFor(() => expect(save).toBeDisabled());
    expect(name).toHaveValue('Découverte');
  });

  it('sends the probability as a number and the kind together', async () => {
    const { props, row, save } = renderRow();
    const probability = within(row).getByRole('textbox', { name: 'Probabilité (%)' });
    await userEvent.clear(probability);
    await userEvent.type(probability, '40');
    await userEvent.click(within(row).getByRole('combobox', { name: 'Type' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Gagnée', hidden: true }));
    await userEvent.click(save);
    await waitFor(() => expect(props.onSave).toHaveBeenCalledWith({ probability: 40, kind: 'won' }));
  });

  it('asks for a name and a probability before saving', async () => {
    const { props, row, save } = renderRow();
    const name = within(row).getByRole('textbox', { name: /^Nom/ });
    await userEvent.clear(name);
    await userEvent.clear(within(row).getByRole('textbox', { name: 'Probabilité (%)' }));
    await userEvent.click(save);
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription('Ce champ est obligatoire.');
    expect(within(row).getByRole('textbox', { name: 'Probabilité (%)' })).toHaveAccessibleDescription(
      'Un nombre entier de 0 à 100.',
    );
    expect(props.onSave).not.toHaveBeenCalled();
  });

  it('explains a taken name and the last open stage in the user’s language, next to the field', async () => {
    const onSave = vi
      .fn()
      .mockRejectedValueOnce(
        apiError(409, '/problems/duplicate', [{ field: 'name', message: 'a stage has this name' }]),
      )
      .mockRejectedValueOnce(
        apiError(400, '/problems/validation-error', [{ field: 'kind', message: 'at least one stage…' }]),
      );
    const { row, save } = renderRow({ onSave });
    const name = within(row).getByRole('textbox', { name: /^Nom/ });
    await userEvent.clear(name);
    await userEvent.type(name, 'Proposition');
    await userEvent.click(save);
    await waitFor(() => expect(name).toHaveAccessibleDescription('Une autre étape porte déjà ce nom.'));
    expect(name).toHaveAttribute('aria-invalid', 'true');

    await userEvent.clear(name);
    await userEvent.type(name, 'Qualification');
    await userEvent.click(within(row).getByRole('combobox', { name: 'Type' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Perdue', hidden: true }));
    await userEvent.click(save);
    const kind = within(row).getByRole('combobox', { name: 'Type' });
    await waitFor(() => expect(kind).toHaveAttribute('aria-invalid', 'true'));
    expect(kind).toHaveAccessibleDescription(/Il faut garder au moins une étape « en cours »/);
  });

  it('puts any other field error from the API next to its field', async () => {
    const onSave = vi
      .fn()
      .mockRejectedValue(
        apiError(400, '/problems/validation-error', [
          { field: 'name', message: 'must be at most 50 characters' },
        ]),
      );
    const { row, save } = renderRow({ onSave });
    const name = within(row).getByRole('textbox', { name: /^Nom/ });
    await userEvent.type(name, ' bis');
    await userEvent.click(save);
    await waitFor(() => expect(name).toHaveAttribute('aria-invalid', 'true'));
    // the API's message (or its translation): it names the limit
    expect(name).toHaveAccessibleDescription(/50/);
  });

  it('moves up and down, except past the ends, and asks to delete', async () => {
    const first = renderRow({ first: true });
    expect(within(first.row).getByRole('button', { name: 'Monter « Qualification »' })).toBeDisabled();
    await userEvent.click(within(first.row).getByRole('button', { name: 'Descendre « Qualification »' }));
    expect(first.props.onMove).toHaveBeenCalledWith(1);
    await userEvent.click(within(first.row).getByRole('button', { name: 'Supprimer « Qualification »' }));
    expect(first.props.onDelete).toHaveBeenCalled();
  });

  it('keeps the arrows still while a move is under way', () => {
    const { row } = renderRow({ busy: true });
    expect(within(row).getByRole('button', { name: 'Monter « Qualification »' })).toBeDisabled();
    expect(within(row).getByRole('button', { name: 'Descendre « Qualification »' })).toBeDisabled();
  });
});
