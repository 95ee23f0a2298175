import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  ApiToken,
  ApiTokenCreate,
  ApiTokenCreated,
  Login,
  MeUpdate,
  Setup,
  User,
} from '../../shared/resources.js';
import { Id, Page } from '../../shared/types.js';
import { API } from '../crud/crud.routes.js';
import type { CrudService } from '../crud/crud.service.js';
import type { Values } from '../crud/resource.js';
import { problems } from '../crud/schemas.js';
import { fieldError, notFound } from '../errors.js';
import type { AuthService } from './auth.service.js';
import { SESSION_COOKIE, tooManyRequests } from './authenticate.js';
import type { Credentials } from './credentials.js';

interface Deps {
  publicInfo: { currency: string; defaultLocale: string };
  auth: AuthService;
  credentials: Credentials;
  users: CrudService;
}

const tags = ['authentication'];

/** Signs the user in on this browser: a new session (the old one, if any, ends: rotation). */
export async function startSession(
  req: FastifyRequest,
  reply: FastifyReply,
  credentials: Credentials,
  userId: number,
) {
  if (req.actor.sessionId) await credentials.endSession(req.actor.sessionId);
  const { secret, expiresAt } = await credentials.startSession(userId);
  reply.setCookie(SESSION_COOKIE, secret, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    path: '/',
    expires: expiresAt,
  });
}

export function registerAuthRoutes(app: FastifyInstance, { auth, credentials, users, publicInfo }: Deps) {
  app.post(
    `${API}/auth/login`,
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Sign in (sets an HttpOnly session cookie)',
        body: Login,
        response: { 200: Type.Object({ user: User }), ...problems(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      const { email, password } = req.body as { email: string; password: string };
      const result = await auth.login(email, password, req.ip);
      if ('retryAfterMs' in result) {
        throw tooManyRequests(
          reply,
          result.retryAfterMs,
          'Too many failed sign-ins; wait before trying again.',
        );
      }
      await startSession(req, reply, credentials, result.userId);
      return { user: (await users.get(result.userId)).dto };
    },
  );

  // Not public: without a live session or token there is nobody to sign out, and the contract
  // wants 401 on every route but login, setup and the OpenAPI document. A stale cookie is cleared
  // by the authentication hook before it answers 401, so a browser is signed out either way.
  app.post(
    `${API}/auth/logout`,
    {
      config: { beforePasswordChange: true },
      schema: {
        tags,
        summary: 'Sign out (ends this session and clears its cookie)',
        response: { 204: Type.Null(), ...problems(401, 403) },
      },
    },
    async (req, reply) => {
      if (req.actor.sessionId) await credentials.endSession(req.actor.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    `${API}/auth/me`,
    {
      config: { beforePasswordChange: true },
      schema: { tags, summary: 'The signed-in user', response: { 200: User, ...problems(401) } },
    },
    async (req) => (await users.get(req.actor.userId as number)).dto,
  );

  app.patch(
    `${API}/auth/me`,
    {
      config: { beforePasswordChange: true },
      schema: {
        tags,
        summary: 'Change my name, language or password (the password needs current_password)',
        body: MeUpdate,
        response: { 200: User, ...problems(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      const self = req.actor.userId as number;
      const { current_password, ...changes } = req.body as Values & { current_password?: string };
      if (changes.password !== undefined) {
        const check =
          typeof current_password === 'string'
            ? await auth.checkCurrentPassword(self, current_password)
            : 'wrong';
        if (typeof check === 'object')
          throw tooManyRequests(
            reply,
            check.retryAfterMs,
            'Too many wrong current passwords; wait before trying again.',
          );
        if (check === 'wrong') {
          throw fieldError(
            'current_password',
            'wrong_password',
            'is required to change the password, and must be right',
          );
        }
      }
      // Each user may change these three fields of their own record whatever their role.
      const { dto } = await users.update(self, changes, undefined, { ...req.actor, role: 'admin' });
      // a new password ended every session; keep this browser signed in with a fresh one
      if (changes.password !== undefined && req.actor.via === 'session')
        await startSession(req, reply, credentials, self);
      return dto;
    },
  );

  app.get(
    `${API}/setup`,
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Whether the first administrator still has to be created',
        response: {
          200: Type.Object({
            setup_needed: Type.Boolean(),
            currency: Type.String({ description: 'ISO 4217 code money is shown in (CRM_CURRENCY)' }),
            default_locale: Type.String({ description: 'fr or en (CRM_DEFAULT_LOCALE)' }),
          }),
        },
      },
    },
    async () => ({
      setup_needed: await auth.setupNeeded(),
      currency: publicInfo.currency,
      default_locale: publicInfo.defaultLocale,
    }),
  );

  app.post(
    `${API}/setup`,
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Create the first administrator (once; 409 afterwards) and sign in',
        body: Setup,
        response: { 201: Type.Object({ user: User }), ...problems(400, 403, 409) },
      },
    },
    async (req, reply) => {
      const { dto } = await auth.setup(req.body as { email: string; password: string });
      await startSession(req, reply, credentials, dto.user_id as number);
      return reply.code(201).send({ user: dto });
    },
  );

  app.post(
    `${API}/api-tokens`,
    {
      config: { responseHeaders: ['location'] },
      schema: {
        tags,
        summary: 'Create an API token (shown once)',
        body: ApiTokenCreate,
        response: { 201: ApiTokenCreated, ...problems(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const created = await credentials.createToken(
        req.actor.userId as number,
        (req.body as { name: string }).name.trim(),
      );
      return reply.code(201).header('location', `${API}/api-tokens/${created.token_id}`).send(created);
    },
  );

  app.get(
    `${API}/api-tokens`,
    {
      schema: {
        tags,
        summary: 'My API tokens (never the secrets)',
        response: { 200: Page(ApiToken), ...problems(401) },
      },
    },
    async (req) => ({ data: await credentials.listTokens(req.actor.userId as number), next_cursor: null }),
  );

  app.delete(
    `${API}/api-tokens/:id`,
    {
      schema: {
        tags,
        summary: 'Revoke one of my API tokens',
        params: Type.Object({ id: Id }),
        response: { 204: Type.Null(), ...problems(401, 404) },
      },
    },
    async (req, reply) => {
      const id = (req.params as { id: number }).id;
      if (!(await credentials.revokeToken(req.actor.userId as number, id))) throw notFound(`API token ${id}`);
      return reply.code(204).send();
    },
  );
}
