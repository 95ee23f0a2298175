// Custom fields in the benchmark (issue 13): two definitions on contacts — a select "segment"
// (PME 40 %, ETI 30 %, Grand compte 20 %, none 10 %) and a date "renewal" (90 % of contacts, over
// three years) — their values on every generated contact and their index rows, as the app's writes
// keep them; and the scenario the issue sets: filter by the select, sort by the date.

import { type Compilable, sql } from 'kysely';
import type { DialectName } from '../server/config.js';
import { contacts } from '../server/contacts/contacts.resource.js';
import type { Actor, LooseDb } from '../server/crud/resource.js';
import { loadFields } from '../server/custom-fields/definitions.js';
import { indexRows } from '../server/custom-fields/index-rows.js';
import { customSortedRows, decode, valuesPart } from '../server/custom-fields/sort.js';
import { connect } from '../server/db/connect.js';
import { timestampParam } from '../server/db/dialect.js';
import { insertMany } from '../server/db/pg-unnest.js';
import type { Step } from './measure.js';
import type { Stmt } from './raw.js';

export const SEGMENTS = ['PME', 'ETI', 'Grand compte'];
const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);

/** a contact's values, the same for an ID on every run */
export function customValuesOf(id: number): Record<string, string> {
  let h = Math.imul(id ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  const s = h % 10;
  const out: Record<string, string> = {};
  if (s < 9) out.segment = SEGMENTS[s < 4 ? 0 : s < 7 ? 1 : 2];
  if ((h >>> 8) % 10 !== 0)
    out.renewal = new Date(START + ((h >>> 12) % 1095) * DAY).toISOString().slice(0, 10);
  return out;
}

/** Adds the definitions and every contact's values, unless the database has them already. */
export async function ensureCustomFields(dialect: DialectName, url: string, contactCount: number) {
  const db = connect(url);
  try {
    const k = db.kysely as LooseDb;
    if ((await loadFields(k, 'contacts')).some((f) => f.key === 'segment')) return false;
    const stamp = timestampParam(dialect, new Date().toISOString());
    const def = (key: string, type: string, options: unknown[], position: number) => ({
      entity: 'contacts',
      field_key: key,
      label_fr: key === 'segment' ? 'Segment' : 'Renouvellement',
      label_en: key === 'segment' ? 'Segment' : 'Renewal',
      type,
      options: JSON.stringify(options),
      required: dialect === 'sqlite' ? 0 : false,
      default_value: null,
      position,
      created_at: stamp,
      updated_at: stamp,
    });
    const colors = ['blue', 'green', 'orange'];
    await k
      .insertInto('custom_field_defs')
      .values([
        def(
          'segment',
          'select',
          SEGMENTS.map((label, i) => ({ id: `o${i + 1}`, label, color: colors[i] })),
          0,
        ),
        def('renewal', 'date', [], 1),
      ])
      .execute();
    const fields = await loadFields(k, 'contacts');
    const BATCH = 5000;
    for (let first = 1; first <= contactCount; first += BATCH) {
      const ids = Array.from({ length: Math.min(BATCH, contactCount - first + 1) }, (_, i) => first + i);
      const values = ids.map(customValuesOf);
      await k.transaction().execute(async (trx) => {
        await insertMany(
          trx,
          dialect,
          'custom_values',
          ['field_id', 'record_id', 'value_text', 'value_num'],
          ids.flatMap((id, i) => indexRows(fields, id, values[i])),
        );
        const json = values.map((v) => JSON.stringify(v));
        if (dialect === 'postgres') {
          await sql`update contacts set custom_fields = u.cf
            from (select unnest(${ids}::int[]) as id, unnest(${json}::text[]) as cf) u
            where contacts.contact_id = u.id`.execute(trx);
        } else {
          for (const [i, id] of ids.entries())
            await trx
              .updateTable('contacts')
              .set({ custom_fields: json[i] })
              .where('contact_id', '=', id)
              .execute();
        }
      });
    }
    if (dialect === 'postgres') {
      await sql`vacuum (analyze) custom_values`.execute(k);
      // the 1M updated rows are left to autovacuum: a VACUUM here outlives the statement timeout
      await sql`analyze contacts`.execute(k);
    }
    if (dialect === 'mysql') await sql`analyze table custom_values, contacts`.execute(k);
    if (dialect === 'sqlite') await sql`analyze`.execute(k);
    return true;
  } finally {
    await db.destroy();
  }
}

/**
 * The scenario's samples: for each segment and direction, the first pages of the contacts of that
 * segment sorted by renewal, each as the HTTP request and the same SQL through the raw driver.
 */
export async function customFieldSamples(
  k: LooseDb,
  dialect: DialectName,
  actor: Actor,
  stmt: (q: Compilable<unknown>) => Stmt,
): Promise<Step[][]> {
  const custom = await loadFields(k, 'contacts');
  const f = custom.find((c) => c.key === 'renewal');
  if (!f) throw new Error('the benchmark database has no custom fields');
  const defsStmt = stmt(
    k
      .selectFrom('custom_field_defs')
      .selectAll()
      .where('entity', '=', 'contacts')
      .orderBy('position')
      .orderBy('field_id'),
  );
  const opts = { dialect, actor, custom };
  const samples: Step[][] = [];
  for (const segment of SEGMENTS)
    for (const dir of ['asc', 'desc'] as const) {
      const sort = `${dir === 'desc' ? '-' : ''}cf.renewal`;
      let cursor: string | undefined;
      for (let page = 0; page < 5; page++) {
        const query = { 'cf.segment': segment, sort, limit: 50, ...(cursor ? { cursor } : {}) };
        const parsed = cursor ? decode(cursor, sort, false) : null;
        const raw = valuesPart(k, contacts, { 'cf.segment': segment }, opts, {
          f,
          dir,
          numeric: false,
          cursor: parsed,
          limit: 50,
        });
        samples.push([
          {
            method: 'GET',
            path: `/api/v1/contacts?${new URLSearchParams(query as unknown as Record<string, string>).toString()}`,
            raw: [defsStmt, stmt(raw)],
          },
        ]);
        const next = await customSortedRows(k, contacts, query, opts);
        cursor = next.nextCursor ?? undefined;
        if (!cursor) break;
      }
    }
  return samples;
}
