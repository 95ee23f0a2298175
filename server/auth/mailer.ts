import { createTransport } from 'nodemailer';
import type { MailConfig } from '../config.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

// a mail server that does not answer must not hold a request (an admin's invitation) for minutes
const TIMEOUT_MS = 10_000;

/** Sends through SMTP_URL; null when no mail server is configured (links are then shown to copy). */
export function smtpMailer(config: MailConfig | undefined): Mailer | null {
  if (!config?.smtpUrl) return null;
  const transport = createTransport({
    url: config.smtpUrl,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  return {
    async send(mail) {
      await transport.sendMail({ from: config.from, ...mail });
    },
    close: () => transport.close(),
  };
}
