import { describe, expect, it } from 'vitest';
import { FIELD_ERROR_CODES, PROBLEM_CODES } from '../../shared/errors.js';
import { createCompany, createContact, uniq } from '../test/factories.js';
import { describeEachDialect, TEST_PASSWORD } from '../test/harness.js';
import { validationErrors } from './problems.js';

// Every error a user can cause carries a stable code (docs/api.md, "Errors"): the web app
// translates on it, so these are the contract, not the English messages.

describe('schema issues → field error codes', () => {
  it('maps each Ajv keyword to a code with its parameter, keeping the English message', () => {
    expect(
      validationErrors(
        [
          { instancePath: '', keyword: 'required', params: { missingProperty: 'title' } },
          { instancePath: '', keyword: 'additionalProperties', params: { additionalProperty: 'x' } },
          { instancePath: '/first_name', keyword: 'maxLength', params: { limit: 50 }, message: 'm' },
          { instancePath: '/name', keyword: 'minLength', params: { limit: 1 }, message: 'm' },
          { instancePath: '/probability', keyword: 'maximum', params: { limit: 100 }, message: 'm' },
          { instancePath: '/position', keyword: 'minimum', params: { limit: 0 }, message: 'm' },
          { instancePath: '/email', keyword: 'format', params: { format: 'email' }, message: 'm' },
          { instancePath: '/day', keyword: 'format', params: { format: 'date' }, message: 'm' },
          { instancePath: '/due_at', keyword: 'format', params: { format: 'date-time' }, message: 'm' },
          { instancePath: '/phone', keyword: 'pattern', params: { pattern: '^x$' }, message: 'm' },
          { instancePath: '/owner_id', keyword: 'type', params: { type: 'integer' }, message: 'm' },
        ],
        'body',
      ),
    ).toEqual([
      { field: 'title', code: 'required', message: 'is required' },
      { field: 'x', code: 'unknown_field', message: 'is not a known field' },
      { field: 'first_name', code: 'too_long', limit: 50, message: 'm' },
      { field: 'name', code: 'too_short', limit: 1, message: 'm' },
      { field: 'probability', code: 'too_large', limit: 100, message: 'm' },
      { field: 'position', code: 'too_small', limit: 0, message: 'm' },
      { field: 'email', code: 'invalid_email', message: 'm' },
      { field: 'day', code: 'invalid_date', message: 'm' },
      { field: 'due_at', code: 'invalid_datetime', message: 'm' },
      { field: 'phone', code: 'invalid_format', message: 'm' },
      { field: 'owner_id', code: 'invalid_type', expected: 'integer', message: 'm' },
    ]);
  });

  it('reports an enumeration once, with every allowed value', () => {
    const branch = (v: string) => ({
      instancePath: '/status',
      keyword: 'const',
      params: { allowedValue: v },
      message: 'must be equal to constant',
    });
    expect(
      validationErrors(
        [branch('open'), branch('done'), { instancePath: '/status', keyword: 'anyOf' }],
        'body',
      ),
    ).toEqual([
      {
        field: 'status',
        code: 'invalid_choice',
        allowed: ['open', 'done'],
        message: 'must be equal to constant',
      },
    ]);
  });

  it("keeps a union's error from the branch of the value's own type, not 'wrong type' from the others", () => {
    expect(
      validationErrors(
        [
          { instancePath: '/deal_value', keyword: 'minimum', params: { limit: 0 }, message: 'must be >= 0' },
          {
            instancePath: '/deal_value',
            keyword: 'type',
            params: { type: 'string' },
            message: 'must be string',
          },
        ],
        'body',
      ),
    ).toEqual([{ field: 'deal_value', code: 'too_small', limit: 0, message: 'must be >= 0' }]);
  });
});

describeEachDialect('error codes', (t) => {
  const codes = (res: { body: { errors?: { field: string; code: string }[] } }) =>
    Object.fromEntries((res.body.errors ?? []).map((e) => [e.field, e.code]));

  it('a body the schema refuses: each field with its code and parameters', async () => {
    const res = await t.api('POST', '/api/v1/contacts', {
      first_name: 'x'.repeat(51),
      email: 'not-an-email',
      phone: 'call\u0007me',
      owner_id: 'me',
      nickname: 'Jo',
    });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('/problems/validation-error');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'first_name', code: 'too_long', limit: 50 }),
        expect.objectContaining({ field: 'email', code: 'invalid_email' }),
        expect.objectContaining({ field: 'phone', code: 'invalid_format' }),
        expect.objectContaining({ field: 'owner_id', code: 'invalid_type', expected: 'integer' }),
        expect.objectContaining({ field: 'nickname', code: 'unknown_field' }),
      ]),
    );
    for (const e of res.body.errors) expect(e.message).toEqual(expect.any(String));

    const task = await t.api('POST', '/api/v1/tasks', { title: 'Call', status: 'later', due_at: 'soon' });
    expect(codes(task)).toEqual({ status: 'invalid_choice', due_at: 'invalid_datetime' });
    expect(task.body.errors.find((e: { field: string }) => e.field === 'status').allowed).toEqual([
      'open',
      'done',
    ]);
    const stage = await t.api('POST', '/api/v1/pipeline-stages', { name: uniq(), probability: 101 });
    expect(stage.body.errors).toEqual([expect.objectContaining({ code: 'too_large', limit: 100 })]);
  });

  it("the services' own rules: required, one of, not found, bad date, bad amount, unknown stage", async () => {
    expect(codes(await t.api('POST', '/api/v1/contacts', { phone: '0102030405' }))).toEqual({
      first_name: 'required_one_of',
      last_name: 'required_one_of',
      email: 'required_one_of',
    });
    const one = await t.api('POST', '/api/v1/contacts', {});
    expect(one.body.errors[0].fields).toEqual(['first_name', 'last_name', 'email']);
    const company = await createCompany(t);
    expect(
      codes(await t.api('PATCH', `/api/v1/companies/${company.company_id}`, { company_name: '  ' })),
    ).toEqual({ company_name: 'required' });
    expect(codes(await t.api('POST', '/api/v1/contacts', { last_name: 'X', company_id: 999_999 }))).toEqual({
      company_id: 'not_found',
    });
    const opportunity = (body: Record<string, unknown>) =>
      t.api('POST', '/api/v1/opportunities', { opportunity_name: 'Deal', ...body });
    expect(codes(await opportunity({ expected_close_date: '2026-02-30' }))).toEqual({
      expected_close_date: 'invalid_date',
    });
    const amount = await opportunity({ deal_value: 10.005 });
    expect(amount.body.errors).toEqual([
      expect.objectContaining({ field: 'deal_value', code: 'invalid_amount', limit: 99_999_999.99 }),
    ]);
    const stage = await opportunity({ stage: 'Nowhere' });
    expect(stage.body.errors).toEqual([
      expect.objectContaining({ field: 'stage', code: 'unknown_stage', allowed: expect.any(Array) }),
    ]);
    expect(stage.body.errors[0].allowed.length).toBeGreaterThan(0);
  });

  it('passwords: too short (with the limit), too common, containing the email; a wrong current one', async () => {
    const email = `pw.${uniq()}@example.com`;
    const create = (password: string) =>
      t.api('POST', '/api/v1/users', { email, name: 'Pw', role: 'sales', password });
    const short = await create('short');
    expect(short.body.errors).toEqual([
      expect.objectContaining({ field: 'password', code: 'too_short', limit: 10 }),
    ]);
    expect(codes(await create('password123'))).toEqual({ password: 'common_password' });
    expect(codes(await create(`${email.split('@')[0]}-Zq9!`))).toEqual({ password: 'contains_email' });
    expect(codes(await create('abababababab'))).toEqual({ password: 'too_repetitive' });
    const me = await t.api('PATCH', '/api/v1/auth/me', {
      password: 'Another-Long-Passphrase-7',
      current_password: 'wrong',
    });
    expect(codes(me)).toEqual({ current_password: 'wrong_password' });
  });

  it('duplicates: an email, a stage name', async () => {
    const c = await createContact(t);
    const dup = await t.api('POST', '/api/v1/contacts', { email: c.email.toUpperCase() });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({
      type: '/problems/duplicate',
      errors: [{ field: 'email', code: 'duplicate' }],
    });
    const name = `Stage ${uniq()}`;
    expect((await t.api('POST', '/api/v1/pipeline-stages', { name })).status).toBe(201);
    const again = await t.api('POST', '/api/v1/pipeline-stages', { name: name.toLowerCase() });
    expect(again.body.errors).toEqual([expect.objectContaining({ field: 'name', code: 'duplicate' })]);
  });

  it('problems whose type has several causes say which: sign-in, ownership, role, last admin, setup', async () => {
    const bad = await t.anon('POST', '/api/v1/auth/login', { email: 'nobody@example.com', password: 'x' });
    expect(bad.body).toMatchObject({ type: '/problems/unauthorized', code: 'sign_in_failed' });
    expect((await t.anon('GET', '/api/v1/contacts')).body.code).toBe('not_signed_in');
    expect(
      (await t.anon('GET', '/api/v1/contacts', undefined, { authorization: 'Bearer nope' })).body.code,
    ).toBe('invalid_token');

    const owner = await t.member('sales');
    const other = await t.member('sales');
    const theirs = await createContact(t, { owner_id: owner.user_id });
    const refused = await other.api('PATCH', `/api/v1/contacts/${theirs.contact_id}`, { last_name: 'Mine' });
    expect(refused.body).toMatchObject({ type: '/problems/forbidden', code: 'not_owner' });
    const forOther = await other.api('POST', '/api/v1/contacts', { last_name: 'Y', owner_id: owner.user_id });
    expect(forOther.body.code).toBe('own_records_only');
    const viewer = await t.member('viewer');
    expect((await viewer.api('POST', '/api/v1/contacts', { last_name: 'Z' })).body.code).toBe(
      'role_not_allowed',
    );

    const lastAdmin = await t.api('PATCH', `/api/v1/users/${t.admin.user_id}`, { role: 'manager' });
    // other suites' admins may exist in the same database only through this file, which made none
    expect(lastAdmin.body).toMatchObject({ status: 409, type: '/problems/conflict', code: 'last_admin' });
    const setup = await t.anon('POST', '/api/v1/setup', {
      email: `late.${uniq()}@example.com`,
      password: TEST_PASSWORD,
    });
    expect(setup.body).toMatchObject({ status: 409, code: 'setup_done' });
  });

  it('the last open stage: as a field (kind) and as a refused delete', async () => {
    const stages = (await t.api('GET', '/api/v1/pipeline-stages?limit=200')).body.data as {
      stage_id: number;
      kind: string;
    }[];
    const open = stages.filter((s) => s.kind === 'open');
    for (const s of open.slice(1))
      expect((await t.api('PATCH', `/api/v1/pipeline-stages/${s.stage_id}`, { kind: 'lost' })).status).toBe(
        200,
      );
    const kind = await t.api('PATCH', `/api/v1/pipeline-stages/${open[0].stage_id}`, { kind: 'won' });
    expect(codes(kind)).toEqual({ kind: 'last_open_stage' });
    // the stage may hold no deal here, so the delete reaches the rule
    const del = await t.api('DELETE', `/api/v1/pipeline-stages/${open[0].stage_id}`);
    expect(del.body).toMatchObject({ status: 409, code: 'last_open_stage' });
    for (const s of open.slice(1))
      await t.api('PATCH', `/api/v1/pipeline-stages/${s.stage_id}`, { kind: 'open' });
  });

  it('documents every code in the OpenAPI problem schema', async () => {
    const doc = (await t.anon('GET', '/api/v1/openapi.json')).body;
    const text = JSON.stringify(doc);
    for (const code of [...FIELD_ERROR_CODES, ...PROBLEM_CODES]) expect(text).toContain(code);
  });
});
