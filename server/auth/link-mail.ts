import type { Mail } from './mailer.js';

export type LinkPurpose = 'invite' | 'reset';

const TEXTS = {
  fr: {
    invite: {
      subject: 'Invitation à Carnet',
      body: (link: string) =>
        `Bonjour,\n\nUn compte Carnet vous attend. Choisissez votre mot de passe avec ce lien (valable 7 jours, une seule fois) :\n\n${link}\n\nSi vous n'attendiez pas cette invitation, ignorez ce message.\n`,
    },
    reset: {
      subject: 'Réinitialisation de votre mot de passe Carnet',
      body: (link: string) =>
        `Bonjour,\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable 1 heure, une seule fois) :\n\n${link}\n\nSi vous n'avez rien demandé, ignorez ce message : votre mot de passe reste le même.\n`,
    },
  },
  en: {
    invite: {
      subject: 'Your invitation to Carnet',
      body: (link: string) =>
        `Hello,\n\nA Carnet account is waiting for you. Choose your password with this link (valid for 7 days, once):\n\n${link}\n\nIf you did not expect this invitation, ignore this message.\n`,
    },
    reset: {
      subject: 'Reset your Carnet password',
      body: (link: string) =>
        `Hello,\n\nTo choose a new password, open this link (valid for 1 hour, once):\n\n${link}\n\nIf you did not ask for it, ignore this message: your password stays the same.\n`,
    },
  },
} as const;

/** The message carrying a link, in the user's language (French unless they chose English). */
export function linkMail(to: string, purpose: LinkPurpose, link: string, locale: string | null): Mail {
  const t = TEXTS[locale === 'en' ? 'en' : 'fr'][purpose];
  return { to, subject: t.subject, text: t.body(link) };
}
