import { GUESS_FIELDS, VARIABLE_TYPES } from './schema-facts';

/**
 * Every GraphQL document the client sends, built once at module load. Values never enter a
 * document: each filter is a variable whose type comes from VARIABLE_TYPES. Optional filters
 * are separate documents rather than null variables, because how a Hasura back end treats
 * `_in: null` depends on its configuration.
 */

export type InsightRoot = 'BUILDING_INSIGHTS' | 'ZONE_INSIGHTS' | 'ZONE_TYPE_INSIGHTS';
export type ReferenceRoot = 'BUILDING' | 'FLOOR' | 'SITE' | 'ZONE' | 'GROUP';
export type Root = InsightRoot | ReferenceRoot;

type VariableKind = keyof typeof VARIABLE_TYPES;

/** A document in its full form and without the guessed fields of its root. */
export interface Operation {
  /** GraphQL operation name, also used in logs. */
  readonly name: string;
  readonly root: Root;
  readonly full: string;
  readonly reduced: string;
  /** Guessed fields dropped from `reduced` (empty when both forms are the same). */
  readonly guessed: readonly string[];
}

const CONFIRMED_FIELDS: Record<Root, readonly string[]> = {
  BUILDING_INSIGHTS: ['BUILDING_ID', 'SITE_ID', 'DATE_PARTITION', 'DATE_TIME_START', 'GRANULARITY', 'GROUP_ID', 'OCCUPANCY_MEAN'],
  ZONE_INSIGHTS: ['ZONE_ID', 'SITE_ID', 'BUILDING_ID', 'DATE_PARTITION', 'DATE_TIME_START', 'GRANULARITY', 'GROUP_ID', 'OCCUPANCY_MEAN'],
  ZONE_TYPE_INSIGHTS: ['ZONE_TYPE', 'SITE_ID', 'BUILDING_ID', 'DATE_PARTITION', 'DATE_TIME_START', 'GRANULARITY', 'GROUP_ID', 'OCCUPANCY_MEAN'],
  BUILDING: ['ID', 'NAME'],
  FLOOR: ['ID', 'BUILDING_ID', 'FLOOR_CODE', 'LEVEL', 'NAME', 'TIME_ZONE'],
  SITE: ['ID', 'BUILDING_ID', 'FLOOR_ID', 'SITE_CODE', 'TIME_ZONE'],
  ZONE: ['ID', 'SITE_ID', 'NAME', 'ZONE_TYPE'],
  GROUP: ['ID', 'NAME'],
};

export function guessedFields(root: Root): readonly string[] {
  return (GUESS_FIELDS as Record<string, readonly string[]>)[root] ?? [];
}

interface Spec {
  name: string;
  root: Root;
  variables: Array<[string, VariableKind]>;
  /** Arguments of the root field, written only in terms of the declared variables. */
  args: string;
}

function render(spec: Spec, fields: readonly string[]): string {
  const decl = spec.variables.map(([v, kind]) => `$${v}: ${VARIABLE_TYPES[kind]}`).join(', ');
  const head = decl ? `query ${spec.name}(${decl})` : `query ${spec.name}`;
  const args = spec.args ? `(${spec.args})` : '';
  return `${head} {\n  ${spec.root}${args} {\n    ${fields.join('\n    ')}\n  }\n}\n`;
}

function build(spec: Spec): Operation {
  const guessed = guessedFields(spec.root);
  const confirmed = CONFIRMED_FIELDS[spec.root];
  return {
    name: spec.name,
    root: spec.root,
    full: render(spec, [...confirmed, ...guessed]),
    reduced: render(spec, confirmed),
    guessed,
  };
}

// ---------------------------------------------------------------------------------------------
// Insights: one document per combination of optional filters.

export interface InsightShape {
  /** One id uses `_eq` (the operator seen in official examples); several use `_in`. */
  manyIds: boolean;
  sites: boolean;
  startFrom: boolean;
  zoneTypes: boolean;
}

const INSIGHT_ID_FIELD: Record<InsightRoot, string> = {
  BUILDING_INSIGHTS: 'BUILDING_ID',
  ZONE_INSIGHTS: 'ZONE_ID',
  // ids are building ids here: zone types are aggregated per building.
  ZONE_TYPE_INSIGHTS: 'BUILDING_ID',
};

const INSIGHT_OPERATION_NAME: Record<InsightRoot, string> = {
  BUILDING_INSIGHTS: 'BuildingInsights',
  ZONE_INSIGHTS: 'ZoneInsights',
  ZONE_TYPE_INSIGHTS: 'ZoneTypeInsights',
};

function shapeKey(root: InsightRoot, s: InsightShape): string {
  return `${root}:${s.manyIds ? 'n' : '1'}${s.sites ? 's' : '-'}${s.startFrom ? 't' : '-'}${s.zoneTypes ? 'z' : '-'}`;
}

function insightSpec(root: InsightRoot, s: InsightShape): Spec {
  const variables: Array<[string, VariableKind]> = [
    s.manyIds ? ['ids', 'ids'] : ['id', 'id'],
    ['from', 'datePartition'],
    ['to', 'datePartition'],
    ['granularity', 'granularity'],
    ['groupId', 'groupId'],
  ];
  const where = [
    `${INSIGHT_ID_FIELD[root]}: {${s.manyIds ? '_in: $ids' : '_eq: $id'}}`,
    'DATE_PARTITION: {_gte: $from, _lte: $to}',
    'GRANULARITY: {_eq: $granularity}',
    'GROUP_ID: {_eq: $groupId}',
  ];
  if (s.sites) {
    variables.push(['siteIds', 'ids']);
    where.push('SITE_ID: {_in: $siteIds}');
  }
  if (s.zoneTypes) {
    variables.push(['zoneTypes', 'texts']);
    where.push('ZONE_TYPE: {_in: $zoneTypes}');
  }
  if (s.startFrom) {
    variables.push(['startFrom', 'timestamp']);
    where.push('DATE_TIME_START: {_gte: $startFrom}');
  }
  const suffix = `${s.manyIds ? 'Many' : ''}${s.sites ? 'BySites' : ''}${s.zoneTypes ? 'ByTypes' : ''}${s.startFrom ? 'Since' : ''}`;
  return {
    name: `${INSIGHT_OPERATION_NAME[root]}${suffix}`,
    root,
    variables,
    args: `where: {${where.join(', ')}}, order_by: {DATE_TIME_START: asc}`,
  };
}

/** Every insight shape's operation, built once (the queries test checks each against the SDL). */
export const INSIGHT_OPERATIONS: ReadonlyMap<string, Operation> = (() => {
  const map = new Map<string, Operation>();
  const roots: InsightRoot[] = ['BUILDING_INSIGHTS', 'ZONE_INSIGHTS', 'ZONE_TYPE_INSIGHTS'];
  for (const root of roots) {
    for (const manyIds of [false, true]) {
      for (const sites of [false, true]) {
        for (const startFrom of [false, true]) {
          for (const zoneTypes of root === 'ZONE_TYPE_INSIGHTS' ? [false, true] : [false]) {
            const shape = { manyIds, sites, startFrom, zoneTypes };
            map.set(shapeKey(root, shape), build(insightSpec(root, shape)));
          }
        }
      }
    }
  }
  return map;
})();

export function insightOperation(root: InsightRoot, shape: InsightShape): Operation {
  const op = INSIGHT_OPERATIONS.get(shapeKey(root, { ...shape, zoneTypes: root === 'ZONE_TYPE_INSIGHTS' && shape.zoneTypes }));
  if (!op) throw new Error(`no query for ${root}`);
  return op;
}

/** Every insight document, for tests that check the text sent upstream. */
// ---------------------------------------------------------------------------------------------
// Reference data.

export const REFERENCE_OPERATIONS = {
  buildings: build({ name: 'Buildings', root: 'BUILDING', variables: [], args: '' }),
  allSites: build({ name: 'AllSites', root: 'SITE', variables: [], args: '' }),
  allFloors: build({ name: 'AllFloors', root: 'FLOOR', variables: [], args: '' }),
  sites: build({
    name: 'SitesOfBuilding',
    root: 'SITE',
    variables: [['buildingId', 'id']],
    args: 'where: {BUILDING_ID: {_eq: $buildingId}}',
  }),
  floors: build({
    name: 'FloorsOfBuilding',
    root: 'FLOOR',
    variables: [['buildingId', 'id']],
    args: 'where: {BUILDING_ID: {_eq: $buildingId}}',
  }),
  zonesByIds: build({ name: 'ZonesByIds', root: 'ZONE', variables: [['ids', 'ids']], args: 'where: {ID: {_in: $ids}}' }),
  zonesBySites: build({
    name: 'ZonesBySites',
    root: 'ZONE',
    variables: [['siteIds', 'ids']],
    args: 'where: {SITE_ID: {_in: $siteIds}}',
  }),
  zonesByIdsAndSites: build({
    name: 'ZonesByIdsAndSites',
    root: 'ZONE',
    variables: [
      ['ids', 'ids'],
      ['siteIds', 'ids'],
    ],
    args: 'where: {ID: {_in: $ids}, SITE_ID: {_in: $siteIds}}',
  }),
  groups: build({ name: 'Groups', root: 'GROUP', variables: [], args: '' }),
} as const satisfies Record<string, Operation>;
