// X-Request-Id: one id per request, in every log line of the request (pino's `reqId`) and in the
// response, so that a user's report, the proxy's log and Carnet's log can be matched. A proxy in
// front (HAProxy's unique-id, nginx's $request_id) usually makes one; it is taken only from a proxy
// TRUST_PROXY trusts, and only when well-formed, so a client cannot put arbitrary text in the logs.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import type { FastifyInstance } from 'fastify';

export const REQUEST_ID_HEADER = 'x-request-id';
/** what a proxy's id may look like: UUIDs, HAProxy's and nginx's hex or dotted ids, ULIDs */
const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:+=-]{0,127}$/;

// the names proxy-addr (Fastify's trustProxy) gives to address ranges
const NAMED_RANGES: Record<string, [string, number, 'ipv4' | 'ipv6'][]> = {
  loopback: [
    ['127.0.0.1', 8, 'ipv4'],
    ['::1', 128, 'ipv6'],
  ],
  linklocal: [
    ['169.254.0.0', 16, 'ipv4'],
    ['fe80::', 10, 'ipv6'],
  ],
  uniquelocal: [
    ['10.0.0.0', 8, 'ipv4'],
    ['172.16.0.0', 12, 'ipv4'],
    ['192.168.0.0', 16, 'ipv4'],
    ['fc00::', 7, 'ipv6'],
  ],
};

/**
 * Whether the peer that sent a request is a proxy TRUST_PROXY names: `true` trusts any, a hop
 * count trusts the nearest hop, a list trusts those addresses, CIDR ranges and named ranges.
 */
export function trustedPeer(trustProxy: boolean | number | string): (address: string | undefined) => boolean {
  if (trustProxy === true) return () => true;
  if (trustProxy === false || trustProxy === 0) return () => false;
  if (typeof trustProxy === 'number') return () => true;
  const list = new BlockList();
  for (const raw of trustProxy.split(',')) {
    const entry = raw.trim();
    if (NAMED_RANGES[entry]) {
      for (const [net, prefix, family] of NAMED_RANGES[entry]) list.addSubnet(net, prefix, family);
      continue;
    }
    const [address, prefix] = entry.split('/');
    const family = isIP(address ?? '');
    if (family === 0) continue;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address as string, type);
    else list.addSubnet(address as string, Number(prefix), type);
  }
  return (address) => {
    if (!address) return false;
    // an IPv4 client on a dual-stack socket is seen as ::ffff:a.b.c.d
    const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
    const family = isIP(v4);
    return family !== 0 && list.check(v4, family === 4 ? 'ipv4' : 'ipv6');
  };
}

/** Fastify's genReqId: the trusted proxy's well-formed id, else a new UUID. */
export function requestIdGenerator(trustProxy: boolean | number | string) {
  const trusted = trustedPeer(trustProxy);
  return (req: IncomingMessage): string => {
    const sent = req.headers[REQUEST_ID_HEADER];
    if (typeof sent === 'string' && WELL_FORMED.test(sent) && trusted(req.socket?.remoteAddress)) return sent;
    return randomUUID();
  };
}

/** Every response, problem documents included, names its request. */
export function registerRequestId(app: FastifyInstance) {
  app.addHook('onSend', async (req, reply) => {
    reply.header(REQUEST_ID_HEADER, req.id);
  });
}
