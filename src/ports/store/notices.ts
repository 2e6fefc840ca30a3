/** "Told once" markers, e.g. `digest:3:paused` after the creator heard about a pause. */
export interface NoticeRepository {
  /** True the first time a (team, key) is marked, false ever after until cleared. */
  markOnce(teamId: string, key: string): Promise<boolean>;
  has(teamId: string, key: string): Promise<boolean>;
  clear(teamId: string, key: string): Promise<boolean>;
}
