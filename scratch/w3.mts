import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
const src = new URL('../server/imports/parse-worker.ts', import.meta.url).href;
const run = async (name: string, code: string) => {
  const t0 = performance.now();
  const w = new Worker(code + ';require("node:worker_threads").parentPort.postMessage(1)', { eval: true, workerData: {} });
  await new Promise((r) => w.once('message', r));
  console.log(name, Math.round(performance.now() - t0));
  await w.terminate();
};
await run('empty', '');
for (let i = 0; i < 2; i++) {
const t0 = performance.now();
const w = new Worker(`import(${JSON.stringify(api)}).then(t => { const t1 = Date.now(); t.register(); require("node:worker_threads").parentPort.postMessage(Date.now()-t1) })`, { eval: true });
console.log('register msg', await new Promise((r) => w.once('message', r)), Math.round(performance.now() - t0));
await w.terminate();
}
