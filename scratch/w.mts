import { openSourceInWorker } from '../server/imports/worker-source.js';
import { writeFileSync } from 'node:fs';
writeFileSync('/tmp/imp/a.csv', 'First Name,Email\nA,a@b.c\n');
const s = await openSourceInWorker('/tmp/imp/a.csv', 'contacts', undefined);
console.log(s.detected, await s.count());
for await (const r of s.records()) console.log(r);
await s.close();
