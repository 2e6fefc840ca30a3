/**
 * InnerSpace groups (the GROUP root: everyone, departments) by name or id. The list comes with
 * the reference data the client already fetches together and caches, so choosing a group
 * usually costs no upstream request.
 */
import { matchName } from '../domain/names';
import { GROUP_ID_PATTERN, NIL_GROUP_ID, type Group } from '../domain/occupancy';
import { GroupInputError } from '../errors';
import type { InnerSpacePort } from '../ports/occupancy-source';

/** The group an answer, digest or rule reads. */
export interface ChosenGroup {
  readonly id: string;
  /** How answers name it: the group's name; "everyone" for the nil-UUID default. */
  readonly label: string;
  /** False for the configured default when nothing named a group. */
  readonly asked: boolean;
}

export class GroupDirectory {
  constructor(
    private readonly innerspace: InnerSpacePort,
    /** INNERSPACE_GROUP_ID: read when a question names no group. */
    readonly defaultGroupId: string,
  ) {}

  /** Every group, the default one first. */
  list(): Promise<Group[]> {
    return this.innerspace.groups();
  }

  /**
   * The group a request names, by id (buttons and stored rules carry ids) or by name (case- and
   * accent-insensitive, whole words or a unique prefix); the default when it names none. A name
   * that fits none or several is refused with the groups to choose from.
   */
  async choose(asked: string | null | undefined): Promise<ChosenGroup> {
    if (asked === null || asked === undefined) return { id: this.defaultGroupId, label: await this.label(this.defaultGroupId), asked: false };
    const groups = await this.list();
    if (GROUP_ID_PATTERN.test(asked)) {
      const byId = groups.find((g) => g.id.toLowerCase() === asked.toLowerCase());
      if (!byId) throw new GroupInputError('unknown', asked, groups);
      return { id: byId.id, label: labelOf(byId), asked: true };
    }
    const match = matchName(asked, groups);
    if (match.kind === 'one') return { id: match.entry.id, label: labelOf(match.entry), asked: true };
    if (match.kind === 'many') throw new GroupInputError('ambiguous', asked, match.entries, match.total);
    throw new GroupInputError('unknown', asked, groups);
  }

  /**
   * `choose`, started in the same turn as the building it goes with (one document): a refusal
   * waits until awaited, so an unknown building is said before an unknown group, whichever
   * answer comes first.
   */
  chooseAhead(asked: string | undefined): Promise<ChosenGroup> {
    const p = this.choose(asked);
    p.catch(() => undefined);
    return p;
  }

  /** The name of a group by id, for a stored digest or rule; the id itself when the list can't be had. */
  async label(id: string): Promise<string> {
    if (id === NIL_GROUP_ID) return 'everyone';
    try {
      const group = (await this.list()).find((g) => g.id === id);
      return group ? labelOf(group) : id;
    } catch {
      // The group's name is a nicety; the answer does not depend on it.
      return id;
    }
  }
}

function labelOf(group: Group): string {
  return group.id === NIL_GROUP_ID ? 'everyone' : group.name;
}

/** What a view says of its group: the label for the stamp, and the id when one was asked for, for the buttons. */
export function groupFields(group: ChosenGroup): { groupLabel: string; groupId?: string } {
  return group.asked ? { groupLabel: group.label, groupId: group.id } : { groupLabel: group.label };
}

/** A chart's title and alt text name the group it was asked for. */
export function chartGroup(group: ChosenGroup): string {
  return group.asked ? ` · ${group.label}` : '';
}

/** A cache key's group part: the one read, and whether it was asked for (the buttons carry it then). */
export function groupKey(group: ChosenGroup): string {
  return `${group.id}${group.asked ? '!' : ''}`;
}
