// The language a response is written in for the person asking (the headers of a CSV export, …):
// the one they chose in the app (their profile's locale), else their browser's Accept-Language,
// else the instance's CRM_DEFAULT_LOCALE. French and English only, as the app.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../config.js';
import type { Db } from '../db/connect.js';
import { addVary } from './transport.js';

const LOCALES: readonly Locale[] = ['fr', 'en'];

const asLocale = (tag: string | null | undefined): Locale | undefined => {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((l) => l === primary);
};

/**
 * The preferred of fr and en in an Accept-Language header (RFC 9110 12.5.4): by q, then by order;
 * "fr-CA" counts as fr, q=0 refuses, "*" and other languages give nothing.
 */
export function fromAcceptLanguage(header: string | undefined): Locale | undefined {
  let best: { locale: Locale; q: number } | undefined;
  for (const part of (header ?? '').slice(0, 1000).split(',')) {
    const [tag, ...params] = part.split(';');
    const locale = asLocale(tag);
    if (!locale) continue;
    const qParam = params.map((p) => p.trim().match(/^q=([01](?:\.\d{0,3})?)$/i)).find(Boolean);
    const q = qParam ? Number(qParam[1]) : 1;
    if (q > 0 && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale;
}

/** The requester's language: profile, then Accept-Language, then the instance's default. */
export async function requestLocale(
  db: Db,
  req: FastifyRequest,
  fallback: Locale,
  reply?: FastifyReply,
): Promise<Locale> {
  const userId = req.actor?.userId;
  if (userId != null) {
    const user = await db.kysely
      .selectFrom('users')
      .select('locale')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    const chosen = asLocale(user?.locale);
    if (chosen) return chosen;
  }
  // what the response says now depends on Accept-Language: a cache must key on it (RFC 9110 12.5.5)
  if (reply) addVary(reply, 'accept-language');
  return fromAcceptLanguage(req.headers['accept-language']) ?? fallback;
}
