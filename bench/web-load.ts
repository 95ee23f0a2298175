// The web app's first load, measured two ways against `node dist/server/main.js`:
// - the JS and CSS index.html names, gzipped here (the 250 KB budget of issue 4);
// - a cold load of the signed-in dashboard in Chromium (empty cache, a session cookie only): the
//   bytes that crossed the wire (headers included, as DevTools' "transferred"), the bytes once
//   decoded, the requests, and the time from navigation to the last response of the load, over an
//   emulated 10 Mbit/s link with 40 ms of latency (LINK). It runs
//   twice: as the browser asks (Accept-Encoding: gzip, deflate, br, zstd), and with
//   Accept-Encoding: identity forced, which is what every request got before the server
//   compressed anything (issue 12): the "before" of docs/performance.md, on the same build.
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

export const WEB_TARGET_KB = 250;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** the link the loads are timed over: 10 Mbit/s down, 2 up, 40 ms of latency (a fair 4G or office line) */
export const LINK = { downloadThroughput: 1_250_000, uploadThroughput: 250_000, latency: 40 };

export interface ColdLoad {
  /** bytes received, headers included (compressed bodies as sent) */
  transferredKb: number;
  /** the bodies once decoded */
  decodedKb: number;
  requests: number;
  /** navigation start → the last response of the load finished */
  ms: number;
}

export interface WebResult {
  jsKbGzipped: number;
  jsFiles: number;
  cssKbGzipped: number;
  targetKb: number;
  /** the dashboard, cold, as a browser asks for it; null when no Chromium is there */
  dashboard?: { compressed: ColdLoad; identity: ColdLoad } | null;
}

/** The JS (and CSS) the first page loads: the scripts and module preloads of index.html, gzipped. */
async function initialJs(url: string) {
  // the app's page is what a browser asking for HTML gets
  const html = await (await fetch(`${url}/`, { headers: { accept: 'text/html' } })).text();
  const refs = (re: RegExp) => [...html.matchAll(re)].map((m) => m[1]);
  const gz = async (paths: string[]) => {
    let n = 0;
    for (const p of paths) {
      const res = await fetch(new URL(p, url));
      if (res.status !== 200) throw new Error(`GET ${p}: ${res.status}`);
      n += gzipSync(Buffer.from(await res.arrayBuffer())).length;
    }
    return Math.round(n / 1024);
  };
  const js = refs(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+)"/g);
  if (js.length === 0) throw new Error(`the page at / names no script: ${html.slice(0, 200)}`);
  const css = refs(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g);
  return { jsKbGzipped: await gz(js), jsFiles: js.length, cssKbGzipped: await gz(css) };
}

/** Signs in through the API once; each measured load then starts from that cookie and no cache. */
async function coldLoads(url: string, login: { email: string; password: string }) {
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    const signIn = await browser.newContext({ baseURL: url });
    // the login route trusts its own origin only: the request says it comes from the app's page
    const res = await signIn.request.post('/api/v1/auth/login', { data: login, headers: { origin: url } });
    if (res.status() !== 200) throw new Error(`sign-in: ${res.status()} ${(await res.text()).slice(0, 200)}`);
    const storageState = await signIn.storageState();
    await signIn.close();

    const load = async (identity: boolean): Promise<ColdLoad> => {
      const context = await browser.newContext({ baseURL: url, storageState });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      if (identity)
        await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
      // a real link, not the loopback: on 127.0.0.1 bytes cost nothing and the time is the CPU's
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...LINK });
      let transferred = 0;
      let decoded = 0;
      let requests = 0;
      let first = Number.POSITIVE_INFINITY;
      let last = 0;
      let pending = 0;
      cdp.on('Network.requestWillBeSent', (e) => {
        requests++;
        pending++;
        first = Math.min(first, e.timestamp);
      });
      cdp.on('Network.dataReceived', (e) => {
        decoded += e.dataLength;
      });
      cdp.on('Network.loadingFinished', (e) => {
        pending--;
        transferred += e.encodedDataLength;
        last = Math.max(last, e.timestamp);
      });
      cdp.on('Network.loadingFailed', () => {
        pending--;
      });
      await page.goto('/', { waitUntil: 'load' });
      await page
        .getByRole('navigation')
        .waitFor({ timeout: 30_000 })
        .catch(async () => {
          throw new Error(
            `the dashboard did not show: ${((await page.locator('body').textContent()) ?? '').slice(0, 200)}`,
          );
        });
      // The dashboard asks for its data once it runs, then loads its chart once the data is there:
      // the load ends when nothing has been pending for 2 s (Playwright's "networkidle", 500 ms,
      // sometimes fell between the two on a busy machine and missed the chart)
      for (let quiet = 0; quiet < 2000; quiet = pending === 0 ? quiet + 100 : 0)
        await new Promise((r) => setTimeout(r, 100));
      await context.close();
      return {
        transferredKb: Math.round(transferred / 1024),
        decodedKb: Math.round(decoded / 1024),
        requests,
        ms: Math.round((last - first) * 1000),
      };
    };
    // one untimed load first, so that the server's own first-request costs are not counted
    await load(false);
    return { compressed: await load(false), identity: await load(true) };
  } finally {
    await browser.close();
  }
}

export async function measureWeb(
  url: string,
  login: { email: string; password: string },
): Promise<WebResult> {
  const js = await initialJs(url);
  const dashboard = existsSync(CHROMIUM) ? await coldLoads(url, login) : null;
  return { ...js, targetKb: WEB_TARGET_KB, dashboard };
}
