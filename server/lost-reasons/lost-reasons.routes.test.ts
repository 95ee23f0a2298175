import { expect, it } from 'vitest';
import { describeEachDialect } from '../test/harness.js';

interface Reason {
  lost_reason_id: number;
  label: string;
  position: number;
}

const FR = ['Prix trop élevé', 'Concurrent choisi', 'Pas de budget', 'Pas de réponse', 'Projet abandonné'];
const EN = ['Price too high', 'Chose a competitor', 'No budget', 'No response', 'Project abandoned'];

describeEachDialect('lost reasons', (t) => {
  it('starts with the French defaults, in position order, readable by every role', async () => {
    for (const role of ['viewer', 'sales'] as const) {
      const member = await t.member(role);
      const res = await member.api('GET', '/api/v1/lost-reasons');
      expect(res.status).toBe(200);
      expect(res.body.data.map((r: Reason) => [r.label, r.position])).toEqual(FR.map((l, i) => [l, i + 1]));
      expect(Object.keys(res.body.data[0]).sort()).toEqual(['label', 'lost_reason_id', 'position']);
    }
    expect((await t.anon('GET', '/api/v1/lost-reasons')).status).toBe(401);
  });

  it('lets admins and managers add, rename, reorder and delete; sales and viewers get 403', async () => {
    const manager = await t.member('manager');
    const created = await manager.api('POST', '/api/v1/lost-reasons', { label: 'Délai trop long' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      lost_reason_id: expect.any(Number),
      label: 'Délai trop long',
      position: 6,
    });
    const id = created.body.lost_reason_id;
    const moved = await t.api('PATCH', `/api/v1/lost-reasons/${id}`, { position: 1, label: 'Délai' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ label: 'Délai', position: 1 });
    const sorted = await t.api('GET', '/api/v1/lost-reasons');
    // positions need not be unique (the settings page renumbers them); the ID breaks ties
    expect(sorted.body.data.slice(0, 2).map((r: Reason) => r.label)).toEqual(['Prix trop élevé', 'Délai']);

    for (const role of ['sales', 'viewer'] as const) {
      const m = await t.member(role);
      const add = await m.api('POST', '/api/v1/lost-reasons', { label: `Par ${role}` });
      expect(add.status).toBe(403);
      expect(add.body.code).toBe('role_not_allowed');
      expect((await m.api('PATCH', `/api/v1/lost-reasons/${id}`, { position: 3 })).status).toBe(403);
      expect((await m.api('DELETE', `/api/v1/lost-reasons/${id}`)).status).toBe(403);
    }

    const history = await t.api('GET', `/api/v1/lost-reasons/${id}/history`);
    expect(history.body.data.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'update']);
    expect((await manager.api('DELETE', `/api/v1/lost-reasons/${id}`)).status).toBe(204);
    expect((await t.api('GET', `/api/v1/lost-reasons/${id}`)).status).toBe(404);
  });

  it('refuses a duplicate label ignoring case and accents (409), and bad labels (400)', async () => {
    const dup = await t.api('POST', '/api/v1/lost-reasons', { label: 'pas de BUDGET ' });
    expect(dup.status).toBe(409);
    expect(dup.body.errors).toEqual([expect.objectContaining({ field: 'label', code: 'duplicate' })]);
    const other = await t.api('POST', '/api/v1/lost-reasons', { label: 'Autre motif' });
    const rename = await t.api('PATCH', `/api/v1/lost-reasons/${other.body.lost_reason_id}`, {
      label: 'Prix trop eleve',
    });
    expect(rename.status).toBe(409);
    // its own label, differently written, is no clash
    const self = await t.api('PATCH', `/api/v1/lost-reasons/${other.body.lost_reason_id}`, {
      label: 'Autre Motif',
    });
    expect(self.status).toBe(200);
    for (const label of ['', '   ', 'x'.repeat(101)]) {
      const res = await t.api('POST', '/api/v1/lost-reasons', { label });
      expect(res.status, JSON.stringify(label)).toBe(400);
      expect(res.body.errors[0].field).toBe('label');
    }
    expect((await t.api('POST', '/api/v1/lost-reasons', { label: 'ok', position: 0 })).status).toBe(400);
  });

  it("a deal's lost_reason is free text: deleting a reason changes no deal", async () => {
    const reason = await t.api('POST', '/api/v1/lost-reasons', { label: 'Fusion annulée' });
    const deal = await t.api('POST', '/api/v1/opportunities', {
      opportunity_name: 'Free text',
      stage: 'Fermée perdue',
      lost_reason: 'Fusion annulée',
    });
    expect(deal.status).toBe(201);
    expect((await t.api('DELETE', `/api/v1/lost-reasons/${reason.body.lost_reason_id}`)).status).toBe(204);
    const after = await t.api('GET', `/api/v1/opportunities/${deal.body.opportunity_id}`);
    expect(after.body.lost_reason).toBe('Fusion annulée');
  });
});

describeEachDialect(
  'lost reasons (English setup)',
  (t) => {
    it('starts with the English defaults', async () => {
      const res = await t.api('GET', '/api/v1/lost-reasons');
      expect(res.body.data.map((r: Reason) => r.label)).toEqual(EN);
    });
  },
  { locale: 'en' },
);
