/**
 * Local mode's clock across restarts. "Advance the clock" moves the app's clock ahead of the
 * system's, and what it did (digest runs, alert states) is stored ahead too: a restarted local
 * mode that began again at the system time would see its own stored future.
 */
export interface LocalClockRepository {
  /** How far (ms) the clock of this team's local workspace runs ahead of the system clock; null if never saved. */
  offset(teamId: string): Promise<number | null>;
  /** Saves a larger offset; a smaller one leaves the stored one as it is (the clock never goes back). */
  saveOffset(teamId: string, offsetMs: number): Promise<void>;
}
