// Answers a GET for a stored file with a strong ETag, conditional requests and single byte ranges (RFC 9110 §13, §14).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { matchesIfNoneMatch } from './http-cache.ts';

export interface StoredFile {
  readonly content: Buffer;
  /** A strong entity tag (RFC 9110 §8.8.3), e.g. from the content's hash. */
  readonly etag: string;
  readonly mediaType: string;
  readonly contentDisposition: string;
  readonly cacheControl: string;
  readonly lastModified: string;
}

/**
 * One range of `bytes=` (RFC 9110 §14.1.2): `first-last`, `first-` or `-suffix`. Returns the
 * inclusive start and end, 'unsatisfiable' when no byte of the file is in it, or null for a header
 * to ignore (another unit, several ranges, nonsense), which the server may answer with the whole file.
 */
export function parseRange(header: string, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Number(last);
  if (last !== '' && end < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(end, size - 1) };
}

export function sendStoredFile(request: FastifyRequest, reply: FastifyReply, file: StoredFile): FastifyReply {
  const size = file.content.length;
  reply
    .header('etag', file.etag)
    .header('last-modified', file.lastModified)
    .header('cache-control', file.cacheControl)
    .header('accept-ranges', 'bytes')
    .header('x-content-type-options', 'nosniff');
  if (matchesIfNoneMatch(request.headers['if-none-match'], file.etag)) return reply.code(304).send();
  reply.type(file.mediaType).header('content-disposition', file.contentDisposition);
  const rangeHeader = request.headers.range;
  // If-Range (RFC 9110 §13.1.5): a range of a file the client no longer has is answered whole.
  const ifRange = request.headers['if-range'];
  if (typeof rangeHeader === 'string' && (ifRange === undefined || ifRange === file.etag)) {
    const range = parseRange(rangeHeader, size);
    if (range === 'unsatisfiable') {
      return reply.code(416).header('content-range', `bytes */${size}`).type('text/plain; charset=utf-8').send('Range Not Satisfiable');
    }
    if (range !== null) {
      return reply
        .code(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
        .send(file.content.subarray(range.start, range.end + 1));
    }
  }
  return reply.send(file.content);
}
