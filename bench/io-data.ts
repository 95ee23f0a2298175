// The files of the import/export measurements: a contacts CSV as a French Excel user would send it,
// its upload, the exports streamed in with their records counted, and the server process's
// resident memory over time.
import { once } from 'node:events';
import { createReadStream, createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { fold } from '../server/lib/text.js';
import { rng } from './generate.js';
import { FIRST_NAMES, LAST_NAMES } from './vocabulary.js';

export const IMPORT_HEADER = 'Prénom;Nom;E-mail;Téléphone;Société;Remarques';

const TRADES = [
  'Boulangerie',
  'Cabinet',
  'Atelier',
  'Garage',
  'Pharmacie',
  'Librairie',
  'Menuiserie',
  'Agence',
  'Transports',
  'Fromagerie',
  'Hôtel',
  'Brasserie',
];
const NOTES = [
  'Rencontré au salon de Lyon',
  'Préfère être appelé le matin',
  'Client fidèle depuis 2019 ; à relancer en été',
  'Intéressé par l’offre « Pro »',
];

const ascii = (s: string) => fold(s).replace(/[^a-z0-9]/g, '');
const pad = (n: number) => String(n).padStart(2, '0');
/** a cell as Excel writes it: quoted when it holds the delimiter, a quote or a line break */
const cell = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * `rows` contacts as a French Excel "CSV UTF-8" file (BOM, semicolons, CRLF): accented names, some
 * hyphenated; every email unique, at a domain the bench data never uses (`tag` keeps two files
 * apart); phones in three French spellings (a few rows without one); about 30 % naming one of
 * rows/50 companies, some with a semicolon that needs quoting; about 10 % with a note, some quoted
 * over two lines. Deterministic for a given tag and size. Returns the file's size in bytes.
 */
export async function writeContactsCsv(path: string, rows: number, tag: string): Promise<number> {
  const r = rng(rows + tag.length * 7919);
  const out = createWriteStream(path);
  let bytes = 0;
  let chunk = `\ufeff${IMPORT_HEADER}\r\n`;
  const companies = Math.max(5, Math.round(rows / 50));
  const flush = async () => {
    const b = Buffer.from(chunk);
    bytes += b.length;
    chunk = '';
    if (!out.write(b)) await once(out, 'drain');
  };
  for (let i = 1; i <= rows; i++) {
    const first = FIRST_NAMES[Math.floor(r() * FIRST_NAMES.length)];
    let last = LAST_NAMES[Math.floor(r() * LAST_NAMES.length)];
    if (r() < 0.1) last += `-${LAST_NAMES[Math.floor(r() * LAST_NAMES.length)]}`;
    const email = `${ascii(first)}.${ascii(last)}.${i}@${tag}.exemple.fr`;
    const p = `${pad(Math.floor(r() * 100))} ${pad(Math.floor(r() * 100))} ${pad(i % 100)}`;
    const kind = r();
    const phone =
      kind < 0.05
        ? ''
        : kind < 0.5
          ? `06 ${pad(i % 97)} ${p}`
          : kind < 0.8
            ? `+33 7 ${pad(i % 89)} ${p}`
            : `01.${pad(i % 83)}.${p.replace(/ /g, '.')}`;
    let company = '';
    if (r() < 0.3) {
      const k = Math.floor(r() * companies);
      company =
        k % 10 === 0
          ? `${LAST_NAMES[k % LAST_NAMES.length]} ; Fils ${k}`
          : `${TRADES[k % TRADES.length]} ${LAST_NAMES[(k * 7) % LAST_NAMES.length]} ${k}`;
    }
    let note = '';
    if (r() < 0.1) {
      note = NOTES[Math.floor(r() * NOTES.length)];
      if (r() < 0.3) note += `\r\nRappel n°${i}`;
    }
    chunk += `${cell(first)};${cell(last)};${email};${phone};${cell(company)};${cell(note)}\r\n`;
    if (chunk.length > 262_144) await flush();
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return bytes;
}

/** Records of a streamed CSV: line ends outside quotes, minus the header. */
export class CsvRecordCounter {
  private inQuote = false;
  private lines = 0;
  private last = -1;
  push(b: Buffer) {
    if (b.length === 0) return;
    this.last = b[b.length - 1];
    if (!this.inQuote && b.indexOf(0x22) < 0) {
      for (let i = b.indexOf(0x0a); i >= 0; i = b.indexOf(0x0a, i + 1)) this.lines++;
      return;
    }
    for (let i = 0; i < b.length; i++) {
      const c = b[i];
      if (c === 0x22) this.inQuote = !this.inQuote;
      else if (c === 0x0a && !this.inQuote) this.lines++;
    }
  }
  get records() {
    const lines = this.lines + (this.last >= 0 && this.last !== 0x0a ? 1 : 0);
    return Math.max(0, lines - 1);
  }
}

/** BEGIN:VCARD lines of a streamed vCard file (a line may straddle two chunks). */
export class VcardCounter {
  private static readonly NEEDLE = Buffer.from('BEGIN:VCARD');
  private carry = Buffer.alloc(0);
  records = 0;
  push(chunk: Buffer) {
    const n = VcardCounter.NEEDLE;
    const b = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    for (let i = b.indexOf(n); i >= 0; i = b.indexOf(n, i + n.length)) this.records++;
    // too short to hold a whole needle, so never counted twice
    this.carry = Buffer.from(b.subarray(Math.max(0, b.length - (n.length - 1))));
  }
}

const kib = (status: string, key: string) => Number(status.match(new RegExp(`${key}:\\s+(\\d+)`))?.[1] ?? 0);

/**
 * A process's resident memory while something runs: its high-water mark is reset first (Linux
 * `clear_refs` 5, on a process of ours), VmRSS is sampled every 100 ms, and the peak is the larger
 * of the samples and the kernel's VmHWM at the end. In MiB.
 */
export function watchRss(pid: number) {
  const read = () => readFileSync(`/proc/${pid}/status`, 'utf8');
  let reset = false;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    reset = true;
  } catch {}
  const startKiB = kib(read(), 'VmRSS');
  let peakKiB = startKiB;
  const timer = setInterval(() => {
    try {
      peakKiB = Math.max(peakKiB, kib(read(), 'VmRSS'));
    } catch {}
  }, 100);
  let stopped = false;
  return {
    /** the start and the peak; later calls give the same */
    stop() {
      if (!stopped) {
        stopped = true;
        clearInterval(timer);
        try {
          const s = read();
          peakKiB = Math.max(peakKiB, kib(s, 'VmRSS'), reset ? kib(s, 'VmHWM') : 0);
        } catch {}
      }
      return { startMiB: Math.round(startKiB / 1024), peakMiB: Math.round(peakKiB / 1024) };
    },
  };
}

/** POSTs a file as the raw body, streamed from disk. */
export function upload(url: string, headers: Record<string, string>, file: string, bytes: number) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'text/csv; charset=utf-8', 'content-length': String(bytes) },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    createReadStream(file).on('error', reject).pipe(req);
  });
}

/** GET the export, count its records as they stream in. */
export function streamExport(url: string, headers: Record<string, string>, format: 'csv' | 'vcf') {
  const counter = format === 'csv' ? new CsvRecordCounter() : new VcardCounter();
  return new Promise<{ status: number; bytes: number; records: number; firstByteMs: number; body: string }>(
    (resolve, reject) => {
      const t0 = performance.now();
      request(url, { headers }, (res) => {
        let bytes = 0;
        let firstByteMs = 0;
        let body = '';
        res.on('data', (chunk: Buffer) => {
          if (bytes === 0) firstByteMs = performance.now() - t0;
          bytes += chunk.length;
          if (res.statusCode !== 200) body += chunk.toString('utf8');
          else counter.push(chunk);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, bytes, records: counter.records, firstByteMs, body }),
        );
        res.on('error', reject);
      })
        .on('error', reject)
        .end();
    },
  );
}
