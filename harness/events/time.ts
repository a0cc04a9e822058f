/**
 * Time helpers for building events and expectations. Microseconds are carried as bigint-free
 * integers (epoch microseconds fit safely in a double until the year 2255).
 */

/** Formats an instant as the backend does: ISO 8601 with the given offset and fraction digits. */
export function isoTimestamp(epochMicros: number, options: { offsetMinutes?: number; fractionDigits?: 0 | 3 | 6; zulu?: boolean } = {}): string {
  const offset = options.offsetMinutes ?? 0;
  const digits = options.fractionDigits ?? 6;
  const { wall, micros } = split(epochMicros + offset * 60_000_000);
  const fraction = digits === 0 ? '' : '.' + String(micros).padStart(6, '0').slice(0, digits);
  const zone = options.zulu && offset === 0 ? 'Z' : formatOffset(offset);
  return `${wall.replace(' ', 'T')}${fraction}${zone}`;
}

/** The value a DATETIME(6) column holds for this instant, read back in UTC: 'YYYY-MM-DD HH:MM:SS.ffffff'. */
export function sqlDateTimeUtc(epochMicros: number): string {
  const { wall, micros } = split(epochMicros);
  return `${wall}.${String(micros).padStart(6, '0')}`;
}

function split(epochMicros: number): { wall: string; micros: number } {
  const micros = ((epochMicros % 1_000_000) + 1_000_000) % 1_000_000;
  const seconds = (epochMicros - micros) / 1_000_000;
  const wall = new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
  return { wall, micros };
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Epoch microseconds of a UTC wall time, for readable fixtures: micros('2024-01-15 10:30:00.123456'). */
export function epochMicros(utcWallTime: string): number {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?$/.exec(utcWallTime);
  if (!match) throw new Error(`epochMicros expects 'YYYY-MM-DD HH:MM:SS[.ffffff]' (UTC), got ${JSON.stringify(utcWallTime)}`);
  const seconds = Date.parse(`${match[1]}T${match[2]}Z`) / 1000;
  return seconds * 1_000_000 + Number((match[3] ?? '').padEnd(6, '0'));
}
