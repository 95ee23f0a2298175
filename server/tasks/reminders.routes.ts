import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Task } from '../../shared/resources.js';
import { unauthorized } from '../auth/permissions.js';
import { rowToDto } from '../crud/convert.js';
import { API } from '../crud/crud.routes.js';
import type { Row } from '../crud/resource.js';
import { problems } from '../crud/schemas.js';
import type { Db } from '../db/connect.js';
import { orderTerm, timestampParam } from '../db/dialect.js';
import { fieldError } from '../errors.js';
import { parseInstant } from '../lib/time.js';
import { dayIn, isTimeZone, nextDay, startOfDayIn } from '../lib/zones.js';
import { allDaySortInstant, tasks } from './tasks.resource.js';

export const RemindersQuery = Type.Object(
  {
    tz: Type.String({
      minLength: 1,
      maxLength: 64,
      pattern: '^[A-Za-z0-9_+/-]+$',
      description: "the user's IANA time zone (the browser's), e.g. Europe/Paris: it decides when a day ends",
    }),
    at: Type.Optional(
      Type.String({ format: 'date-time', description: 'the moment to answer for (default: now)' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);
type RemindersQuery = Static<typeof RemindersQuery>;

export const Reminders = Type.Object({
  today: Type.String({ format: 'date', description: 'the calendar day it is in tz' }),
  day_ends_at: Type.String({ format: 'date-time', description: 'when that day ends in tz' }),
  count: Type.Integer({ description: 'open tasks assigned to the caller due today or overdue' }),
  data: Type.Array(Task, { description: 'the first `limit` of them, soonest due first' }),
});

/**
 * GET /tasks/reminders: the caller's open tasks due today or overdue, where the caller is. A timed
 * task counts from its day on (it is due today even before its time); an all-day task counts on
 * its day and after, in the caller's time zone.
 */
export function registerReminderRoutes(app: FastifyInstance, db: Db) {
  app.get(
    `${API}/tasks/reminders`,
    {
      schema: {
        tags: ['tasks'],
        summary: 'My open tasks due today or overdue, in my time zone (the header bell)',
        querystring: RemindersQuery,
        response: { 200: Reminders, ...problems(400, 401, 403) },
      },
    },
    async (req) => {
      const q = req.query as RemindersQuery;
      const userId = req.actor.userId;
      if (userId === null) throw unauthorized();
      if (!isTimeZone(q.tz)) throw fieldError('tz', 'invalid_format', 'is not a known IANA time zone');
      const at = q.at === undefined ? Date.now() : Date.parse(parseInstant(q.at) ?? 'x');
      if (Number.isNaN(at)) throw fieldError('at', 'invalid_datetime', 'must be a date-time');
      // the end of its day must still be a four-digit year: the databases refuse year 10000
      if (at >= Date.UTC(9999, 11, 30))
        throw fieldError('at', 'invalid_datetime', 'must be before 9999-12-30');

      const today = dayIn(q.tz, at);
      const dayEnds = new Date(startOfDayIn(q.tz, nextDay(today))).toISOString();
      const dialect = db.dialect;
      // `due` bounds the index range: a timed task's due is due_at, an all-day one's noon UTC of its day
      const bound = [dayEnds, allDaySortInstant(nextDay(today))].sort()[1];
      const base = db.kysely
        .selectFrom('tasks')
        .where('assignee_id', '=', userId)
        .where('status', '=', 'open')
        .where('due', '<', timestampParam(dialect, bound))
        .where((eb) =>
          eb.or([eb('due_at', '<', timestampParam(dialect, dayEnds)), eb('due_date', '<=', today)]),
        );
      const [rows, total] = await Promise.all([
        base
          .selectAll()
          .orderBy(orderTerm(dialect, 'tasks.due', 'asc'))
          .orderBy('task_id')
          .limit(q.limit ?? 20)
          .execute(),
        base.select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        today,
        day_ends_at: dayEnds,
        count: Number(total.n),
        data: rows.map((r) => rowToDto(tasks, r as Row)),
      };
    },
  );
}
