/**
 * The inbound push endpoint of a `push` data source: `Authorization: Bearer <token>` (the token
 * shown once when the source was connected) and `{ "value": 42 }`. Without a bearer token: 401;
 * an unknown source and a wrong token answer the same 404, so a token tells nothing about which
 * sources exist. The value becomes an `integration` check-in.
 */
import { AppError, isAppError } from '../../contracts/app-error.ts';
import type { Connection } from '../../db/connection.ts';
import { findDataSource, recordSourceSuccess } from '../../repositories/data-sources.ts';
import { hashSecret, safeEqual } from '../secrets.ts';
import { recordPushFailure, recordValue, SourceFailure } from './run-source.ts';

export async function pushValue(
  connection: Connection,
  sourceId: string,
  authorization: string | undefined,
  body: { value: number; note?: string | undefined },
  now: Date,
): Promise<{ checkInId: string; keyResultId: string; value: number }> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token)
    throw new AppError('unauthenticated', 'Send the source token: Authorization: Bearer <token>.');
  const row = await findDataSource(connection.db, null, sourceId);
  if (
    !row ||
    row.kind !== 'push' ||
    !row.token_hash ||
    !safeEqual(hashSecret(token), row.token_hash)
  ) {
    throw new AppError('not_found', 'No data source with this id takes this token.');
  }
  try {
    const checkInId = await recordValue(connection, row, body.value, now, {
      always: true,
      ...(body.note ? { note: body.note } : {}),
    });
    await recordSourceSuccess(connection.db, row.id, body.value, now.toISOString(), null);
    return { checkInId: checkInId ?? '', keyResultId: row.key_result_id, value: body.value };
  } catch (error) {
    if (error instanceof SourceFailure) {
      await recordPushFailure(connection, row, error.message, now);
      throw new AppError('conflict', error.message);
    }
    if (isAppError(error)) throw error;
    throw error;
  }
}
