import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryClient } from '../App.js';
import type { AuditEvent, Opportunity, TimelineInteraction } from '../api/types.js';
import { setLanguage } from '../i18n/index.js';
import { ADMIN_ME, reply, stubFetch } from '../tasks/stubFetch.js';
import { renderWithProviders } from '../test/render.js';
import { LogInteractionForm } from './LogInteractionForm.js';
import { Timeline } from './Timeline.js';

const SALES_ME = { ...ADMIN_ME, user_id: 2, email: 'bob@example.com', name: 'Bob', role: 'sales' as const };

const item = (id: number, via: 'opportunity' | 'contact', over: Partial<TimelineInteraction> = {}) => ({
  interaction_id: id,
  contact_id: 21,
  interaction_type: 'call',
  interaction_date: '2026-03-10T09:00:00.000Z',
  notes: `Notes ${id}`,
  opportunity_id: via === 'opportunity' ? 12 : null,
  user_id: 1,
  created_at: '2026-03-10T09:00:00.000Z',
  via,
  ...over,
});

const deal = (id: number, name: string) => ({ opportunity_id: id, opportunity_name: name }) as Opportunity;

const edited: AuditEvent = {
  audit_id: 40,
  occurred_at: '2026-03-11T09:00:00.000Z',
  user_id: 1,
  action: 'update',
  resource: 'interactions',
  record_id: 5,
  changes: { notes: ['Avant', 'Notes 5'] },
};

function routes(me: typeof ADMIN_ME | typeof SALES_ME, patched: unknown[]) {
  return {
    'GET /auth/me': () => me,
    'GET /setup': () => ({ setup_needed: false, currency: 'EUR', default_locale: 'fr' }),
    'GET /users': () => ({ data: [ADMIN_ME, SALES_ME], next_cursor: null }),
    'GET /contacts/21': () => ({ contact_id: 21, first_name: 'Hélène', last_name: 'Dupré' }),
    'GET /opportunities/12': () => deal(12, 'Renouvellement 2026'),
    'GET /opportunities/13': () => deal(13, 'Extension Lyon'),
    'GET /opportunities': ({ url }: { url: URL }) =>
      url.searchParams.get('contact_id') === '21'
        ? { data: [deal(12, 'Renouvellement 2026'), deal(13, 'Extension Lyon')], next_cursor: null }
        : reply(400, { type: '/problems/validation-error', title: 'Invalid request', status: 400 }),
    'GET /opportunities/12/timeline': () => ({
      data: [item(5, 'opportunity'), item(6, 'contact', { user_id: 2 })],
      next_cursor: null,
    }),
    'GET /interactions/5/history': () => ({ data: [edited], next_cursor: null }),
    'GET /interactions/6/history': () => ({ data: [], next_cursor: null }),
    'PATCH /interactions/5': ({ body }: { body: unknown }) => {
      patched.push(body);
      return { ...item(5, 'opportunity'), ...(body as object) };
    },
    'PATCH /interactions/6': ({ body }: { body: unknown }) => {
      patched.push(body);
      return { ...item(6, 'contact'), ...(body as object) };
    },
  };
}

/** The timeline's entries, once they are there. */
async function entries(name: string) {
  const list = await screen.findByRole('list', { name });
  await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
  return within(list).getAllByRole('listitem');
}

/** Picks an option of a Mantine Select (under jsdom its dropdown never counts as visible). */
async function choose(combobox: HTMLElement, option: string) {
  await userEvent.click(combobox);
  await userEvent.click(await screen.findByRole('option', { name: option, hidden: true }));
}

beforeEach(() => setLanguage('fr'));
afterEach(() => {
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe("a deal's timeline", () => {
  it('labels each interaction by why it is there, and edits one with its history beside it', async () => {
    const patched: unknown[] = [];
    stubFetch(routes(ADMIN_ME, patched));
    renderWithProviders(<Timeline opportunityId={12} />);
    const [own, contacts] = await entries('Historique des échanges');
    expect(within(own).getByText('Opportunité')).toBeInTheDocument();
    expect(within(contacts).getByText('Contact')).toBeInTheDocument();
    expect(own).toHaveTextContent('Notes 5');

    await userEvent.click(within(own).getByRole('button', { name: 'Modifier cet échange' }));
    const dialog = await screen.findByRole('dialog', { name: 'Modifier l’échange' });
    // who changed what, from the interaction's history
    expect(await within(dialog).findByText('Alice · Modification')).toBeInTheDocument();
    expect(within(dialog).getByText(/Notes : Avant → Notes 5/)).toBeInTheDocument();
    // the form starts from the interaction
    expect(within(dialog).getByRole('radio', { name: 'Appel' })).toBeChecked();
    const notes = within(dialog).getByRole('textbox', { name: 'Notes' });
    expect(notes).toHaveValue('Notes 5');
    const dealSelect = within(dialog).getByRole('combobox', { name: 'Opportunité liée' });
    await waitFor(() => expect(dealSelect).toHaveValue('Renouvellement 2026'));

    await userEvent.click(within(dialog).getByRole('radio', { name: 'Rendez-vous' }));
    await userEvent.clear(notes);
    await userEvent.type(notes, ' Démonstration ');
    await choose(dealSelect, 'Extension Lyon');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(patched).toHaveLength(1));
    // only what changed: the date, untouched, is not sent back rounded to the minute
    expect(patched[0]).toEqual({ interaction_type: 'meeting', notes: 'Démonstration', opportunity_id: 13 });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it("in English; sales edit only their own, and link one of the contact's deals", async () => {
    await setLanguage('en');
    const patched: unknown[] = [];
    stubFetch(routes(SALES_ME, patched));
    renderWithProviders(<Timeline opportunityId={12} />);
    const [adminsOwn, mine] = await entries('Timeline');
    expect(within(adminsOwn).getByText('Opportunity')).toBeInTheDocument();
    expect(within(mine).getByText('Contact')).toBeInTheDocument();
    await waitFor(() =>
      expect(within(mine).getByRole('button', { name: 'Edit this interaction' })).toBeVisible(),
    );
    expect(
      within(adminsOwn).queryByRole('button', { name: 'Edit this interaction' }),
    ).not.toBeInTheDocument();

    await userEvent.click(within(mine).getByRole('button', { name: 'Edit this interaction' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit the interaction' });
    const dealSelect = within(dialog).getByRole('combobox', { name: 'Linked opportunity' });
    expect(dealSelect).toHaveValue('');
    await choose(dealSelect, 'Renouvellement 2026');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patched).toEqual([{ opportunity_id: 12 }]));
  });
});

describe('logging an interaction from a contact', () => {
  it("offers the contact's deals and sends the one chosen", async () => {
    const posted: unknown[] = [];
    stubFetch({
      ...routes(ADMIN_ME, []),
      'POST /interactions': ({ body }) => {
        posted.push(body);
        return reply(201, { interaction_id: 9, ...(body as object) });
      },
    });
    renderWithProviders(<LogInteractionForm contactId={21} />);
    await choose(screen.getByRole('combobox', { name: 'Opportunité liée' }), 'Extension Lyon');
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toMatchObject({ contact_id: 21, opportunity_id: 13, interaction_type: 'call' });
  });

  it('from a deal’s page, links that deal without asking', async () => {
    stubFetch(routes(ADMIN_ME, []));
    renderWithProviders(<LogInteractionForm contactId={21} opportunityId={12} />);
    expect(screen.getByRole('button', { name: 'Ajouter' })).toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Opportunité liée' })).not.toBeInTheDocument();
  });
});
