import { writeFileSync } from 'node:fs';
import { readVcards } from '../server/imports/vcard-reader.js';
import { sniff } from '../server/imports/decode.js';
const n = Number(process.argv[2] ?? 20000);
const body = `BEGIN:VCARD\r\nVERSION:2.1\r\nN;ENCODING=QUOTED-PRINTABLE:=\r\n${(process.argv[3] ?? '=').concat('\r\n').repeat(n)}x\r\nEND:VCARD\r\n`;
writeFileSync('/tmp/imp/qp.vcf', body);
const t0 = performance.now();
for await (const r of readVcards('/tmp/imp/qp.vcf', sniff(Buffer.from(body.slice(0, 65536))))) console.log(r.row, r.error?.slice(0,80), JSON.stringify(r.fields).slice(0,80));
console.log(n, 'ms', Math.round(performance.now() - t0));
