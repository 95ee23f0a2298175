import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  /** the message as sent, quoted-printable and soft line breaks undone */
  text: string;
}

const decodeQuotedPrintable = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/**
 * A real SMTP server on a free local port that keeps what it receives, with a login (the
 * credentials in `url`) so the app's SMTP_URL is used whole, user and password included.
 */
export async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  const waiting: (() => void)[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'carnet' && auth.password === 'smtp-secret')
        return callback(null, { user: 'carnet' });
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          text: Buffer.from(
            decodeQuotedPrintable(Buffer.concat(chunks).toString('latin1')),
            'latin1',
          ).toString('utf8'),
        });
        for (const wake of waiting.splice(0)) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://carnet:smtp-secret@127.0.0.1:${port}`,
    received,
    /** the next message to `to` (any case) not yet taken, waiting as long as it takes to come */
    async next(to: string): Promise<ReceivedMail> {
      for (;;) {
        const i = received.findIndex((m) => m.to.some((a) => a.toLowerCase() === to.toLowerCase()));
        if (i >= 0) return received.splice(i, 1)[0];
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The link in a message, and its token. */
export function linkIn(mail: ReceivedMail): { link: string; token: string } {
  const link = /https?:\/\/\S+\?token=[A-Za-z0-9_%-]+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no link in the message:\n${mail.text}`);
  return { link, token: decodeURIComponent(new URL(link).searchParams.get('token') as string) };
}
