import { randomBytes } from 'node:crypto';

/**
 * Mints Slack-looking identifiers. Message timestamps are `seconds.micros` strings that only
 * ever increase, so two messages posted in the same millisecond still sort and compare.
 */
export class IdMinter {
  private lastMicros = 0;
  private seq = 0;

  constructor(private readonly now: () => number) {}

  ts(): string {
    const micros = Math.max(this.now() * 1000, this.lastMicros + 1);
    this.lastMicros = micros;
    const secs = Math.floor(micros / 1_000_000);
    const frac = String(micros % 1_000_000).padStart(6, '0');
    return `${secs}.${frac}`;
  }

  /** `prefix` + 10 upper-case alphanumerics, unique within this workspace. */
  id(prefix: string): string {
    this.seq += 1;
    return `${prefix}${this.seq.toString(36).toUpperCase().padStart(4, '0')}${randomBytes(3).toString('hex').toUpperCase()}`;
  }

  /** Opaque capability strings (response_url ids, trigger ids, socket tickets). */
  secret(): string {
    return randomBytes(12).toString('hex');
  }

  triggerId(): string {
    const secs = Math.floor(this.now() / 1000);
    return `${secs}.${randomBytes(4).readUInt32BE(0)}.${randomBytes(16).toString('hex')}`;
  }
}

/** Slack's permalink form: the ts without its dot, after a `p`. */
export function permalinkPath(channel: string, ts: string): string {
  return `/archives/${channel}/p${ts.replace('.', '')}`;
}
