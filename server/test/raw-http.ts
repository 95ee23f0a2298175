// Requests as an outside client sends them: over a real socket, the path byte for byte (as
// `curl --path-as-is` does), with no URL normalisation on the way; and the spellings of a path
// that routers, proxies and browsers read differently.
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A concrete path for a route: each parameter becomes 1, a wildcard x. */
export const fill = (url: string) => url.replace(/:[A-Za-z_]+/g, '1').replace(/\*$/, 'x');

const hex = (c: string) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** The same path spelled in the ways that fooled the old URL-prefix check, and more. */
export function spellings(path: string): string[] {
  const segs = path.split('/').slice(1);
  const join = (s: string[]) => `/${s.join('/')}`;
  const out = new Set<string>([
    path,
    `${path}/`,
    `${path};x=1`,
    `/${path}`,
    path.replace('/', '//'),
    path.replace(/\/([^/]+)$/, '//$1'),
    join(['.', ...segs]),
    join([segs[0], '.', ...segs.slice(1)]),
    join(['x', '..', ...segs]),
    join([segs[0], 'x', '..', ...segs.slice(1)]),
    join(['%2e%2e', ...segs]),
    `${path}/.`,
    path.toUpperCase(),
    join([segs[0].toUpperCase(), ...segs.slice(1)]),
    join(segs.map((s) => s.charAt(0).toUpperCase() + s.slice(1))),
    join([`${segs[0]};x=1`, ...segs.slice(1)]),
    join(segs.map((s) => `${s};`)),
    path.replaceAll('/', '%2f'),
    path.replaceAll('/', '%2F').replace(/^%2F/, '/'),
    path.replaceAll('/', '\\'),
    // every character escaped, upper and lower case hex
    path.replace(/[^/]/g, hex),
    path.replace(/[^/]/g, (c) => hex(c).toUpperCase()),
    // a double escape the router must not decode twice
    path.replace(/[a-z]/, (c) => `%25${c.charCodeAt(0).toString(16)}`),
    `${path}%00`,
    `${path}?../../healthz`,
  ]);
  // one escaped character in each segment in turn (/%61pi/v1/…, /api/%761/…)
  segs.forEach((s, i) => {
    for (let j = 0; j < s.length; j++) {
      if (!/[a-z0-9]/i.test(s[j])) continue;
      const spelled = [...segs];
      spelled[i] = s.slice(0, j) + hex(s[j]) + s.slice(j + 1);
      out.add(join(spelled));
    }
  });
  return [...out];
}

interface Answer {
  status: number;
  body: string;
}

/** One request over a real socket, its path untouched (no URL normalisation on the way). */
export function raw(base: AddressInfo, method: string, path: string, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: base.port,
        method,
        path,
        headers: {
          accept: '*/*',
          ...(body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': body.length }),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    // a request line Node's parser refuses is answered 400 and the socket closed: no data either way
    req.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'ECONNRESET' || e.message === 'socket hang up'
        ? resolve({ status: 400, body: '' })
        : reject(e),
    );
    req.end(body);
  });
}
