/**
 * The simulator's schema, generated from one table description so every root gets the same
 * Hasura-style arguments (where with _and/_or/_not, order_by, limit, offset). It extends
 * dev/simulator/schema.sketch.graphql (a superset: same roots, types and fields) and is a
 * TypeScript constant so the compiled build needs no asset files.
 */
export type ColumnKind = 'Int' | 'Float' | 'String' | 'Timestamp';
export type Columns = Readonly<Record<string, ColumnKind>>;

const INSIGHT_TAIL: Columns = {
  DATE_PARTITION: 'Int',
  DATE_TIME_START: 'Timestamp',
  GRANULARITY: 'String',
  GROUP_ID: 'String',
  OCCUPANCY_MEAN: 'Float',
  OCCUPANCY_POS_MEAN: 'Float',
  OCCUPANCY_MAX: 'Float',
};

export const TABLES = {
  BUILDING_INSIGHTS: { BUILDING_ID: 'Int', SITE_ID: 'Int', ...INSIGHT_TAIL },
  ZONE_INSIGHTS: { ZONE_ID: 'Int', SITE_ID: 'Int', BUILDING_ID: 'Int', ...INSIGHT_TAIL },
  ZONE_TYPE_INSIGHTS: { ZONE_TYPE: 'String', SITE_ID: 'Int', BUILDING_ID: 'Int', ...INSIGHT_TAIL },
  SITE: {
    ID: 'Int', BUILDING_ID: 'Int', FLOOR_ID: 'Int', SITE_CODE: 'String', TIME_ZONE: 'String',
    LATITUDE: 'Float', LONGITUDE: 'Float', ALTITUDE: 'Float',
  },
  FLOOR: { ID: 'Int', BUILDING_ID: 'Int', FLOOR_CODE: 'String', LEVEL: 'Int', NAME: 'String', TIME_ZONE: 'String' },
  BUILDING: { ID: 'Int', NAME: 'String', TIME_ZONE: 'String' },
  GROUP: { ID: 'String', NAME: 'String' },
  ZONE: { ID: 'Int', SITE_ID: 'Int', NAME: 'String', ZONE_TYPE: 'String', CAPACITY: 'Int' },
  ZONE_SET: { ID: 'String', NAME: 'String' },
} as const satisfies Record<string, Columns>;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/**
 * The simulator's own reading of the sketch, kept apart from the client's (src/innerspace)
 * so the contract test between them catches a disagreement. Granularities: the sketch's
 * GRANULARITY description ("PT15M (deprecating), PT1H, P1D, P1W, P1M").
 */
export const GRANULARITIES = ['PT15M', 'PT1H', 'P1D', 'P1W', 'P1M'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/**
 * Columns a live API may lack: insight fields the sketch marks [GUESS] or does not have
 * (served here by analogy with BUILDING_INSIGHTS), and the columns of the guessed reference
 * types that nothing else confirms (a building's time zone is also on SITE; a zone's capacity
 * nowhere). `rejectGuessFields` serves the schema without them.
 */
export const GUESSED_COLUMNS = {
  BUILDING_INSIGHTS: ['OCCUPANCY_POS_MEAN', 'OCCUPANCY_MAX'],
  ZONE_INSIGHTS: ['OCCUPANCY_POS_MEAN', 'OCCUPANCY_MAX'],
  ZONE_TYPE_INSIGHTS: ['OCCUPANCY_POS_MEAN', 'OCCUPANCY_MAX'],
  BUILDING: ['TIME_ZONE'],
  ZONE: ['CAPACITY'],
} as const satisfies Partial<Record<TableName, readonly string[]>>;

const DESCRIPTIONS: Readonly<Record<TableName, string>> = {
  BUILDING_INSIGHTS: 'Occupancy per building, site, group, granularity and bucket (sum of the site\'s zones). Published nightly.',
  ZONE_INSIGHTS: 'Occupancy per zone, group, granularity and bucket. Published nightly.',
  ZONE_TYPE_INSIGHTS: 'Occupancy per building, site, zone type, group, granularity and bucket (sum of those zones). Published nightly.',
  SITE: 'A contiguous covered area on a floor; here one per floor.',
  FLOOR: 'A floor of a building.',
  BUILDING: 'A building.',
  GROUP: 'A population group used to slice insights; the nil UUID is everyone.',
  ZONE: 'A polygon on a floor plan.',
  ZONE_SET: 'A named collection of zones.',
};

/** Hasura's comparison input of a scalar type (SDL text: type names only, never values). */
const COMPARISON = (type: string, extra = '') => {
  const scalarOps = ['_eq', '_neq', '_gt', '_gte', '_lt', '_lte'].map((op) => `  ${op}: ${type}`);
  const listOps = ['_in', '_nin'].map((op) => `  ${op}: [${type}!]`);
  return [`input ${type}_comparison_exp {`, ...scalarOps, ...listOps, `  _is_null: Boolean${extra}`, '}'].join('\n');
};

const PRELUDE = `"""Bucket start: ISO-8601 with the building's UTC offset, e.g. 2025-05-01T08:00:00-04:00."""
scalar Timestamp

${COMPARISON('Int')}

${COMPARISON('Float')}

${COMPARISON('String', '\n  _like: String\n  _ilike: String\n  _nlike: String\n  _nilike: String')}

${COMPARISON('Timestamp')}

"""Ordering; asc puts nulls last and desc puts them first, as in PostgreSQL."""
enum order_by {
  asc
  asc_nulls_first
  asc_nulls_last
  desc
  desc_nulls_first
  desc_nulls_last
}`;

/** The columns a schema variant serves: all of them, or without GUESSED_COLUMNS. */
export function columnsOf(table: TableName, withoutGuessFields = false): Columns {
  const all: Columns = TABLES[table];
  if (!withoutGuessFields) return all;
  const guesses: readonly string[] = (GUESSED_COLUMNS as Partial<Record<TableName, readonly string[]>>)[table] ?? [];
  return Object.fromEntries(Object.entries(all).filter(([c]) => !guesses.includes(c)));
}

export function buildSdl(opts: { withoutGuessFields?: boolean } = {}): string {
  const parts: string[] = [PRELUDE];
  const roots: string[] = [];
  for (const table of TABLE_NAMES) {
    const cols = Object.entries(columnsOf(table, opts.withoutGuessFields));
    parts.push(`"""${DESCRIPTIONS[table]}"""
type ${table} {
${cols.map(([c, k]) => `  ${c}: ${k}`).join('\n')}
}

input ${table}_bool_exp {
  _and: [${table}_bool_exp!]
  _or: [${table}_bool_exp!]
  _not: ${table}_bool_exp
${cols.map(([c, k]) => `  ${c}: ${k}_comparison_exp`).join('\n')}
}

input ${table}_order_by {
${cols.map(([c]) => `  ${c}: order_by`).join('\n')}
}`);
    roots.push(`  ${table}(where: ${table}_bool_exp, order_by: [${table}_order_by!], limit: Int, offset: Int): [${table}!]!`);
  }
  parts.push(`type Query {\n${roots.join('\n')}\n}\n\nschema {\n  query: Query\n}\n`);
  return parts.join('\n\n');
}

/** The full SDL served by default. */
export const SIMULATOR_SDL = buildSdl();
