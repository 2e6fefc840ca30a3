/** Time helpers only tests need. */
import { parseDatePartition, type IsoDate } from '../../src/domain/time';

/** A DATE_PARTITION (YYYYMMDD) as an ISO date; throws on anything else, as a test fixture should. */
export function fromDatePartition(partition: number): IsoDate {
  const date = parseDatePartition(partition);
  if (date === null) throw Object.assign(new Error(`Not a DATE_PARTITION: ${partition}`), { code: 'BAD_INPUT' });
  return date;
}
