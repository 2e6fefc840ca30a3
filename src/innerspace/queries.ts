import { GUESS_FIELDS, VARIABLE_TYPES } from './schema-facts';

/**
 * Every GraphQL root field the client asks for, built once at module load, and how several of
 * them travel in one document (composeDocument). Values never enter a document: each filter is
 * a variable whose type comes from VARIABLE_TYPES. Optional filters are separate operations
 * rather than null variables, because how a Hasura back end treats `_in: null` depends on its
 * configuration. A new kind of question (a range, a comparison, a group) is a new Spec here;
 * the batching, fallbacks and error attribution come with it.
 */

export type InsightRoot = 'BUILDING_INSIGHTS' | 'ZONE_INSIGHTS' | 'ZONE_TYPE_INSIGHTS';
export type ReferenceRoot = 'BUILDING' | 'FLOOR' | 'SITE' | 'ZONE' | 'GROUP';
export type Root = InsightRoot | ReferenceRoot;

type VariableKind = keyof typeof VARIABLE_TYPES;

/**
 * One root field with its variables, and the document that asks for it alone, in its full
 * form and without the guessed fields of its root.
 */
export interface Operation {
  /** GraphQL operation name when sent alone, also used in logs. */
  readonly name: string;
  readonly root: Root;
  readonly full: string;
  readonly reduced: string;
  /** Guessed fields dropped from `reduced` (empty when both forms are the same). */
  readonly guessed: readonly string[];
  /** Variable names and kinds; `args` refers to them as `$name`. */
  readonly variables: readonly (readonly [string, VariableKind])[];
  readonly args: string;
  readonly fields: { readonly full: readonly string[]; readonly reduced: readonly string[] };
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

interface RenderedField {
  /** Response key: null sends the field under its own name. */
  alias: string | null;
  root: Root;
  /** Declared variables, already renamed for this document. */
  variables: Array<[string, VariableKind]>;
  args: string;
  fields: readonly string[];
}

function render(name: string, parts: readonly RenderedField[]): string {
  const decl = parts.flatMap((p) => p.variables.map(([v, kind]) => `$${v}: ${VARIABLE_TYPES[kind]}`)).join(', ');
  const head = decl ? `query ${name}(${decl})` : `query ${name}`;
  const body = parts.map((p) => {
    const args = p.args ? `(${p.args})` : '';
    return `  ${p.alias ? `${p.alias}: ` : ''}${p.root}${args} {\n    ${p.fields.join('\n    ')}\n  }`;
  });
  return `${head} {\n${body.join('\n')}\n}\n`;
}

function build(spec: Spec): Operation {
  const guessed = guessedFields(spec.root);
  const confirmed = CONFIRMED_FIELDS[spec.root];
  const alone = (fields: readonly string[]) => render(spec.name, [{ alias: null, root: spec.root, variables: spec.variables, args: spec.args, fields }]);
  const full = [...confirmed, ...guessed];
  return {
    name: spec.name,
    root: spec.root,
    full: alone(full),
    reduced: alone(confirmed),
    guessed,
    variables: spec.variables,
    args: spec.args,
    fields: { full, reduced: confirmed },
  };
}

// ---------------------------------------------------------------------------------------------
// Several root fields in one document.

export type Variables = Record<string, unknown>;

/** One root field of a combined document: the operation, its variable values, and which form. */
export interface DocumentPart {
  readonly op: Operation;
  readonly variables: Variables;
  /** Without the guessed fields of its root. */
  readonly reduced: boolean;
}

export interface ComposedDocument {
  readonly name: string;
  readonly query: string;
  readonly variables: Variables;
  /** Where each part's rows are in `data`, in the order of the parts. */
  readonly keys: readonly string[];
}

/**
 * One part alone is the operation's own document, under its own name. Several parts become one
 * document: part i answers under the alias `f<i>` and its variables are renamed `f<i>_<name>`,
 * so parts of the same root with different filters never collide.
 */
export function composeDocument(name: string, parts: readonly DocumentPart[]): ComposedDocument {
  if (parts.length === 0) throw new Error('a document needs at least one root field');
  const [only] = parts;
  if (parts.length === 1 && only) {
    return { name: only.op.name, query: only.reduced ? only.op.reduced : only.op.full, variables: only.variables, keys: [only.op.root] };
  }
  const variables: Variables = {};
  const rendered = parts.map((p, i): RenderedField => {
    const alias = `f${i}`;
    const rename = (v: string) => `${alias}_${v}`;
    for (const [v] of p.op.variables) if (v in p.variables) variables[rename(v)] = p.variables[v];
    return {
      alias,
      root: p.op.root,
      variables: p.op.variables.map(([v, kind]) => [rename(v), kind]),
      // Arguments are written only in terms of declared variables (the queries test checks it).
      args: p.op.args.replace(/\$(\w+)/g, (_, v: string) => `$${rename(v)}`),
      fields: p.reduced ? p.op.fields.reduced : p.op.fields.full,
    };
  });
  return { name, query: render(name, rendered), variables, keys: rendered.map((r) => r.alias as string) };
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

// ---------------------------------------------------------------------------------------------
// Reference data: the whole estate, asked for together (see reference.ts).

export const REFERENCE_OPERATIONS = {
  buildings: build({ name: 'Buildings', root: 'BUILDING', variables: [], args: '' }),
  allSites: build({ name: 'AllSites', root: 'SITE', variables: [], args: '' }),
  allFloors: build({ name: 'AllFloors', root: 'FLOOR', variables: [], args: '' }),
  allZones: build({ name: 'AllZones', root: 'ZONE', variables: [], args: '' }),
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
