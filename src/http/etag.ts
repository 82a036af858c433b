/**
 * Optimistic concurrency over HTTP: responses carry the object's version as an ETag; PATCH and
 * DELETE must send it back in If-Match (428 without it, 412 when stale).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../contracts/app-error.ts';

export function etagOf(version: number): string {
  return `"${version}"`;
}

export function setEtag(reply: FastifyReply, version: number): void {
  void reply.header('etag', etagOf(version));
}

/** The version the client last saw, from If-Match. */
export function expectedVersion(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  if (header === undefined || header === '') {
    throw new AppError('version_required', 'Send If-Match with the ETag you last received, so no change is lost.');
  }
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(String(header).trim());
  if (!match?.[1]) throw new AppError('bad_input', 'If-Match must be an ETag such as "3".', [{ path: 'header.if-match', message: 'is not an ETag we issued' }]);
  return Number(match[1]);
}
