import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { User } from '../../shared/resources.js';
import { API } from '../crud/crud.routes.js';
import type { CrudService } from '../crud/crud.service.js';
import { idParams, problems } from '../crud/schemas.js';
import type { AccountLinks } from './account-links.js';
import { startSession } from './auth.routes.js';
import { tooManyRequests } from './authenticate.js';
import type { Credentials } from './credentials.js';
import { requireRole } from './permissions.js';

interface Deps {
  links: AccountLinks;
  credentials: Credentials;
  users: CrudService;
}

const tags = ['authentication'];
const Token = Type.String({ minLength: 1, maxLength: 200, description: 'the token from the link' });
const LinkIssued = Type.Object({
  sent: Type.Boolean({ description: 'mailed to the user (SMTP_URL is set and the mail server took it)' }),
  link: Type.Union([Type.String(), Type.Null()], {
    description: 'the link to pass on yourself, when it was not mailed; shown this once',
  }),
  expires_at: Type.String({ format: 'date-time' }),
});
const ResetRequested = Type.Object({
  delivery: Type.Union([Type.Literal('email'), Type.Literal('administrator')], {
    description:
      'email: a link was mailed if the address is an active account; administrator: no mail server, ask an administrator for a link',
  }),
  detail: Type.String(),
});
const TOO_MANY_LINK_TRIES =
  'Too many attempts at password links from this address; wait before trying again.';

export function registerAccountLinkRoutes(app: FastifyInstance, { links, credentials, users }: Deps) {
  app.post(
    `${API}/users/:id/invitation`,
    {
      schema: {
        tags: ['users'],
        summary: 'Invite a user to choose their password (admin): mailed, or returned to pass on',
        description:
          "One-time link, valid 7 days; it replaces the user's previous unused invitation. Mailed when SMTP_URL is set; otherwise (or when the mail server refused it) `link` is returned.",
        params: idParams,
        response: { 201: LinkIssued, ...problems(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      requireRole(req.actor, ['admin'], 'invite users');
      return reply.code(201).send(await links.invite((req.params as { id: number }).id));
    },
  );

  app.post(
    `${API}/users/:id/password-reset-link`,
    {
      schema: {
        tags: ['users'],
        summary: 'A password-reset link to pass on to the user (admin); valid 1 hour, once',
        params: idParams,
        response: {
          201: Type.Object({ link: Type.String(), expires_at: Type.String({ format: 'date-time' }) }),
          ...problems(401, 403, 404, 409),
        },
      },
    },
    async (req, reply) => {
      requireRole(req.actor, ['admin'], 'make password-reset links');
      return reply.code(201).send(await links.resetLink((req.params as { id: number }).id));
    },
  );

  app.post(
    `${API}/auth/password-reset`,
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Forgot password: mails a reset link (same answer whether the address exists or not)',
        body: Type.Object(
          { email: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 202: ResetRequested, ...problems(400, 429) },
      },
    },
    async (req, reply) => {
      const result = await links.requestReset((req.body as { email: string }).email, req.ip);
      if (typeof result === 'object')
        throw tooManyRequests(
          reply,
          result.retryAfterMs,
          'Too many reset requests; wait before trying again.',
        );
      const detail =
        result === 'email'
          ? 'If this address belongs to an active account, a link to choose a new password is on its way (valid 1 hour).'
          : 'This server sends no mail: ask an administrator for a password-reset link.';
      return reply.code(202).send({ delivery: result, detail });
    },
  );

  app.get(
    `${API}/auth/password-reset/check`,
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Whether an invitation or reset link is still valid, and for whom',
        querystring: Type.Object({ token: Token }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            purpose: Type.Union([Type.Literal('invite'), Type.Literal('reset')]),
            email: Type.String(),
            expires_at: Type.String({ format: 'date-time' }),
          }),
          ...problems(400, 429),
        },
      },
    },
    async (req, reply) => {
      const result = await links.check((req.query as { token: string }).token, req.ip);
      if ('retryAfterMs' in result) throw tooManyRequests(reply, result.retryAfterMs, TOO_MANY_LINK_TRIES);
      return result;
    },
  );

  app.post(
    `${API}/auth/password-reset/confirm`,
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Choose a password with an invitation or reset link (once); signs in',
        description: "The user's other sessions end, and their other unused links stop working.",
        body: Type.Object(
          { token: Token, password: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ user: User }), ...problems(400, 429) },
      },
    },
    async (req, reply) => {
      const { token, password } = req.body as { token: string; password: string };
      const result = await links.use(token, password, req.ip);
      if ('retryAfterMs' in result) throw tooManyRequests(reply, result.retryAfterMs, TOO_MANY_LINK_TRIES);
      await startSession(req, reply, credentials, result.userId);
      return { user: (await users.get(result.userId)).dto };
    },
  );
}
