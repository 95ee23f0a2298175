// An uploaded file goes to a temporary file first, as it arrives: the request's memory stays
// small, the size limit is enforced on the bytes really received, and the job reads it later.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors.js';

export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

export const tooLarge = () =>
  new AppError(413, 'payload-too-large', 'File too large', 'An import file may have at most 100 MiB.');

export function importDir(): string {
  return process.env.CRM_IMPORT_DIR || join(tmpdir(), 'carnet-imports');
}

/** Writes the stream to a new temporary file; 413 (and nothing left behind) past `limit` bytes. */
export async function saveUpload(
  stream: Readable,
  limit = MAX_IMPORT_BYTES,
  dir = importDir(),
): Promise<{ path: string; bytes: number }> {
  // an error while the folder is made (a file that cannot be opened) is kept for pipeline() below,
  // which sees the stream's error; unheard, it would crash the process
  stream.on('error', () => {});
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${Date.now()}-${randomBytes(8).toString('hex')}.upload`);
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(bytes > limit ? tooLarge() : null, chunk);
    },
  });
  const out = createWriteStream(path, { mode: 0o600 });
  try {
    await pipeline(stream, counter, out);
    // @fastify/multipart stops a file at its limit and flags it rather than failing
    if ((stream as Readable & { truncated?: boolean }).truncated) throw tooLarge();
    return { path, bytes };
  } catch (e) {
    // a source that fails at once can beat the file's opening: the removal waits until the file
    // stream has opened and closed, or it would run first and the file be created after it
    if (!out.closed) await once(out, 'close').catch(() => {});
    await rm(path, { force: true });
    if (e instanceof AppError) throw e;
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    // the disk failing (full, not writable) is ours to fix, not the client's
    if ((e as { syscall?: string }).syscall) throw e;
    throw new AppError(
      400,
      'validation-error',
      'Upload interrupted',
      'The file did not arrive whole; send it again.',
      { code: 'upload_interrupted' },
    );
  }
}
