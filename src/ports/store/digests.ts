/** Digests, per team. */
import type { Digest, DigestPatch, NewDigest } from '../../domain/digest';

export interface DigestRepository {
  create(input: NewDigest): Promise<Digest>;
  get(teamId: string, id: number): Promise<Digest | null>;
  listByChannel(teamId: string, channelId: string): Promise<Digest[]>;
  listByTeam(teamId: string): Promise<Digest[]>;
  /** Every active digest of every team, by id. */
  listActive(): Promise<Digest[]>;
  update(teamId: string, id: number, patch: DigestPatch): Promise<Digest | null>;
  pause(teamId: string, id: number, reason: string | null): Promise<Digest | null>;
  /**
   * Hands the digest from `from` to `to`, only if `from` still holds it (two admins taking over
   * at once: one wins, the other gets null).
   */
  transfer(teamId: string, id: number, from: string, to: string): Promise<Digest | null>;
  /** Pauses every active digest of a team (revoked token); returns how many were paused. */
  pauseAllForTeam(teamId: string, reason: string): Promise<number>;
  resume(teamId: string, id: number): Promise<Digest | null>;
  /** Deletes the digest and its run history. */
  delete(teamId: string, id: number): Promise<boolean>;
}
