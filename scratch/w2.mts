import { openSourceInWorker } from '../server/imports/worker-source.js';
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  const s = await openSourceInWorker('/tmp/imp/a.csv', 'contacts', undefined);
  const t1 = performance.now();
  await s.count();
  await s.close();
  console.log('open', Math.round(t1 - t0), 'total', Math.round(performance.now() - t0));
}
