/**
 * Pacing shared by every replica of one store: the channel's turns are taken in the store, so
 * two replicas posting to one channel space their posts as one process would, and a 429 one of
 * them hears holds the others off too: waited out when short, parking the work when longer than
 * the caller may wait (as a hold heard here would). The local pacer still orders this process's
 * own jobs.
 */
import type { Logger } from '../../logging/logger';
import type { SendSlotRepository } from '../../ports/store';
import { ChannelPacer, type PacingClock, type TakeOptions } from './pacing';

export class SharedChannelPacer extends ChannelPacer {
  constructor(
    clock: PacingClock,
    spacingMs: number,
    private readonly slots: SendSlotRepository,
    /** Wall-clock epoch ms, as every replica reads it: the store's turns are instants. */
    private readonly wallNow: () => number,
    private readonly log: Logger,
    /** Names this pacer's channels apart from another's in the same store. */
    private readonly prefix: string,
  ) {
    super(clock, spacingMs);
  }

  override async take(channel: string, opts: TakeOptions = {}): Promise<boolean> {
    if (!(await super.take(channel, opts))) return false;
    const now = this.wallNow();
    // A hold another replica heard is no shorter for this one: beyond the parking limit the
    // turn is left untaken and the work parks here too, as it would where the 429 was heard.
    const latest = opts.parkAfterMs !== undefined ? now + opts.parkAfterMs : undefined;
    let turn: number;
    try {
      turn = await this.slots.reserve(this.prefix + channel, now, this.spacingMs, latest);
    } catch (err) {
      // The store is the only other source of turns; without it this process paces alone
      // rather than holding a post back that may never go.
      this.log.warn({ err, channel }, 'could not take a shared posting turn; pacing this process alone');
      return true;
    }
    if (latest !== undefined && turn > latest) {
      // The picker's hint: this channel's other jobs are left out of the pass without asking the store.
      super.holdOff(channel, (turn - now) / 1000);
      return false;
    }
    if (turn > now) {
      await this.clock.sleep(turn - now);
      // The picker's hint for this channel: the turn after the one just taken.
      super.holdOff(channel, this.spacingMs / 1000);
    }
    return true;
  }

  override holdOff(channel: string, seconds: number): void {
    super.holdOff(channel, seconds);
    const until = this.wallNow() + Math.max(0, seconds) * 1000;
    this.slots.holdOff(this.prefix + channel, until).catch((err: unknown) => this.log.warn({ err, channel }, 'could not share a rate-limit hold'));
  }

  override sweep(): void {
    super.sweep();
    this.slots.sweep(this.wallNow() - 3_600_000).catch((err: unknown) => this.log.debug({ err }, 'could not sweep shared posting turns'));
  }
}
