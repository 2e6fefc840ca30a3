/**
 * What we know and what we guess about the live schema, in one place (see docs/innerspace.md).
 *
 * GUESS_FIELDS: selections the bot would like but that may not exist on the live API. When the
 * server rejects one as unknown, the client retries without them, remembers the fallback, and
 * the caller gets less detail (null) instead of an error.
 */
export const GUESS_FIELDS = {
  BUILDING_INSIGHTS: ['OCCUPANCY_POS_MEAN', 'OCCUPANCY_MAX'],
  ZONE_INSIGHTS: ['OCCUPANCY_POS_MEAN', 'OCCUPANCY_MAX'],
  ZONE_TYPE_INSIGHTS: ['OCCUPANCY_POS_MEAN', 'OCCUPANCY_MAX'],
  BUILDING: ['TIME_ZONE'],
  ZONE: ['CAPACITY'],
} as const satisfies Record<string, readonly string[]>;

/**
 * GraphQL variable types. The live schema's scalar names are undocumented (a Hasura back end
 * may call them `bigint` or `numeric`); every query takes its variable types from here, so a
 * first live call that reveals the real names changes one file.
 */
export const VARIABLE_TYPES = {
  id: 'Int',
  ids: '[Int!]',
  datePartition: 'Int',
  granularity: 'String',
  groupId: 'String',
  text: 'String',
  texts: '[String!]',
  timestamp: 'Timestamp',
  limit: 'Int',
} as const;
