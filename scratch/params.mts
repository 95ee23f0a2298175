import ICAL from 'ical.js';
for (const n of [25000, 50000, 100000]) {
  const line = `TEL${';A=b'.repeat(n)}:1`;
  const t0 = performance.now();
  ICAL.parse(`BEGIN:VCARD\r\nVERSION:3.0\r\n${line}\r\nEND:VCARD\r\n`);
  console.log(n, Math.round(performance.now() - t0), 'ms');
}
