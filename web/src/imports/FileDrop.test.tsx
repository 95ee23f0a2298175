import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../i18n/index.js';
import { renderWithProviders } from '../test/render.js';
import { FileDrop } from './FileDrop.js';

function Wizard({ onChange = () => {} }: { onChange?: (f: File | null) => void }) {
  const [file, setFile] = useState<File | null>(null);
  return (
    <FileDrop
      file={file}
      onChange={(f) => {
        setFile(f);
        onChange(f);
      }}
    />
  );
}

const csv = (name = 'contacts.csv', text = 'Prénom;Nom\nÉmilie;Bérubé\n') =>
  new File([text], name, { type: 'text/csv' });

/** What a browser's drop event carries, for react-dropzone. */
const dataTransfer = (files: File[]) => ({
  dataTransfer: {
    files,
    items: files.map((f) => ({ kind: 'file', type: f.type, getAsFile: () => f })),
    types: ['Files'],
  },
});

const zone = () =>
  screen.getByRole('group', {
    name: /^(Déposez ici un fichier CSV ou vCard|Drop a CSV or vCard file here)$/,
  });
const input = () => document.querySelector<HTMLInputElement>('input[type="file"]') as HTMLInputElement;

beforeEach(() => setLanguage('fr'));
afterEach(() => vi.restoreAllMocks());

describe('the import file drop zone', () => {
  it('opens the file picker from the keyboard, with the "choose a file" button', async () => {
    renderWithProviders(<Wizard />);
    const click = vi.spyOn(input(), 'click');
    expect(zone()).toHaveAccessibleDescription(/ou cliquez ici, ou sur « Choisir un fichier… »/);
    // the zone is not a tab stop of its own: the button is the keyboard's way in
    await userEvent.tab();
    const choose = screen.getByRole('button', { name: 'Choisir un fichier…' });
    expect(choose).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(click).toHaveBeenCalledTimes(1);
    await userEvent.keyboard(' ');
    expect(click).toHaveBeenCalledTimes(2);
  });

  it('takes a picked file and names it, with its size; it can be removed', async () => {
    const onChange = vi.fn();
    renderWithProviders(<Wizard onChange={onChange} />);
    await userEvent.upload(input(), csv());
    expect(await screen.findByText(/^Fichier choisi : contacts\.csv \(\d+\so\)$/)).toBeVisible();
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ name: 'contacts.csv' }));
    await userEvent.click(screen.getByRole('button', { name: 'Retirer le fichier' }));
    expect(onChange).toHaveBeenLastCalledWith(null);
    expect(screen.queryByText(/Fichier choisi/)).not.toBeInTheDocument();
  });

  it('takes a dropped file', async () => {
    const onChange = vi.fn();
    renderWithProviders(<Wizard onChange={onChange} />);
    fireEvent.drop(zone(), dataTransfer([csv('export-google.vcf', 'BEGIN:VCARD\r\nEND:VCARD\r\n')]));
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ name: 'export-google.vcf' })),
    );
    expect(await screen.findByText(/^Fichier choisi : export-google\.vcf/)).toBeVisible();
  });

  it('refuses two files, or one over 100 MiB, and says why in the UI’s language', async () => {
    const onChange = vi.fn();
    renderWithProviders(<Wizard onChange={onChange} />);
    fireEvent.drop(zone(), dataTransfer([csv('a.csv'), csv('b.csv')]));
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('Déposez un seul fichier à la fois.'),
    );
    const big = csv('huge.csv');
    Object.defineProperty(big, 'size', { value: 101 * 1024 * 1024 });
    fireEvent.drop(zone(), dataTransfer([big]));
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        'Ce fichier dépasse 100 Mio : il ne peut pas être importé.',
      ),
    );
    expect(onChange).not.toHaveBeenCalled();

    await setLanguage('en');
    fireEvent.drop(zone(), dataTransfer([csv('a.csv'), csv('b.csv')]));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Drop one file at a time.'));
  });
});
