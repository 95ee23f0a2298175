import { readVcardText } from '../server/imports/vcard-reader.js';
const K = 1000 * 1000 - 1000;
const variants: Record<string, string> = {
  semis: `N:${';'.repeat(K)}`,
  commas: `N:${'a,'.repeat(K / 2)}`,
  escapes: `NOTE:${'\\,'.repeat(K / 2)}`,
  quotes: `EMAIL;TYPE="${'"'.repeat(K)}:x`,
  params: `TEL${';A=b'.repeat(K / 4)}:1`,
  colons: `FN:${':'.repeat(K)}`,
  folds: `NOTE:a\r\n${' b\r\n'.repeat(K / 4)}`,
};
for (const [name, line] of Object.entries(variants)) {
  const t0 = performance.now();
  const r = await readVcardText(`BEGIN:VCARD\r\nVERSION:3.0\r\n${line}\r\nEND:VCARD\r\n`);
  console.log(name, Math.round(performance.now() - t0), 'ms', JSON.stringify(r).slice(0, 60));
}
