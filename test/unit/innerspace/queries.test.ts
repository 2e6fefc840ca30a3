import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate, Kind, visit, type OperationDefinitionNode } from 'graphql';
import { composeDocument, INSIGHT_OPERATIONS, insightOperation, REFERENCE_OPERATIONS, type Operation } from '../../../src/innerspace/queries';
import { GUESS_FIELDS, VARIABLE_TYPES } from '../../../src/innerspace/schema-facts';

const sketch = buildSchema(readFileSync(path.join(__dirname, '../../../dev/simulator/schema.sketch.graphql'), 'utf8'));
const operations: Operation[] = [...INSIGHT_OPERATIONS.values(), ...Object.values(REFERENCE_OPERATIONS)];
const knownTypes = new Set<string>(Object.values(VARIABLE_TYPES));

function selection(doc: string): string[] {
  const fields: string[] = [];
  visit(parse(doc), {
    Field(node) {
      if (!node.selectionSet) fields.push(node.name.value);
    },
  });
  return fields;
}

describe('query documents', () => {
  it('every reduced document is valid against the SDL sketch; a full one fails only on guessed fields', () => {
    for (const op of operations) {
      const reducedErrors = validate(sketch, parse(op.reduced)).map((e) => e.message);
      expect({ op: op.name, reducedErrors }).toEqual({ op: op.name, reducedErrors: [] });
      for (const e of validate(sketch, parse(op.full))) {
        const m = /^Cannot query field "(\w+)" on type "(\w+)"/.exec(e.message);
        expect(m && op.guessed.includes(m[1] ?? '') && m[2] === op.root).toBe(true);
      }
    }
  });

  it('declares variables only with types from VARIABLE_TYPES and uses every one of them', () => {
    for (const op of operations) {
      const def = parse(op.full).definitions[0] as OperationDefinitionNode;
      expect(def.name?.value).toBe(op.name);
      const declared = (def.variableDefinitions ?? []).map((v) => v.variable.name.value);
      const used = new Set<string>();
      visit(def.selectionSet, { Variable: (node) => void used.add(node.name.value) });
      expect([...used].sort()).toEqual([...declared].sort());
      for (const v of def.variableDefinitions ?? []) {
        const typeText = op.full.slice(v.type.loc?.start, v.type.loc?.end);
        expect(knownTypes.has(typeText)).toBe(true);
      }
    }
  });

  it('contains no literal values: every argument leaf is a variable (or the fixed sort order)', () => {
    for (const op of operations) {
      visit(parse(op.full), {
        ObjectField(node) {
          if (node.value.kind === Kind.OBJECT) return;
          if (node.name.value === 'DATE_TIME_START' && node.value.kind === Kind.ENUM) return;
          expect({ op: op.name, field: node.name.value, kind: node.value.kind }).toEqual({ op: op.name, field: node.name.value, kind: Kind.VARIABLE });
        },
      });
    }
  });

  it('the reduced form drops exactly the guessed fields of its root', () => {
    for (const op of operations) {
      const guessed = (GUESS_FIELDS as Record<string, readonly string[]>)[op.root] ?? [];
      expect(op.guessed).toEqual(guessed);
      const full = selection(op.full);
      const reduced = selection(op.reduced);
      expect(full.filter((f) => !reduced.includes(f)).sort()).toEqual([...guessed].sort());
      for (const g of guessed) expect(reduced).not.toContain(g);
    }
  });

  it('one id filters with _eq, several with _in; optional filters only when asked for', () => {
    const one = insightOperation('BUILDING_INSIGHTS', { manyIds: false, sites: false, startFrom: false, zoneTypes: false });
    expect(one.full).toContain('BUILDING_ID: {_eq: $id}');
    expect(one.full).not.toContain('SITE_ID: {_in');
    expect(one.full).toContain('order_by: {DATE_TIME_START: asc}');
    const many = insightOperation('ZONE_INSIGHTS', { manyIds: true, sites: true, startFrom: true, zoneTypes: false });
    expect(many.full).toContain('ZONE_ID: {_in: $ids}');
    expect(many.full).toContain('SITE_ID: {_in: $siteIds}');
    expect(many.full).toContain('DATE_TIME_START: {_gte: $startFrom}');
    const types = insightOperation('ZONE_TYPE_INSIGHTS', { manyIds: false, sites: false, startFrom: false, zoneTypes: true });
    expect(types.full).toContain('ZONE_TYPE: {_in: $zoneTypes}');
    // Zone types are ignored for roots that have no ZONE_TYPE column.
    expect(insightOperation('BUILDING_INSIGHTS', { manyIds: false, sites: false, startFrom: false, zoneTypes: true })).toBe(one);
  });

  it('operation names are unique', () => {
    const names = operations.map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('a combined document aliases each root field, renames its variables apart, and stays valid', () => {
    const ops = [...INSIGHT_OPERATIONS.values(), ...Object.values(REFERENCE_OPERATIONS)];
    const parts = ops.map((op) => ({ op, reduced: true, variables: Object.fromEntries(op.variables.map(([v]) => [v, `${op.name}.${v}`])) }));
    const doc = composeDocument('Everything', parts);
    expect(validate(sketch, parse(doc.query)).map((e) => e.message)).toEqual([]);
    const def = parse(doc.query).definitions[0] as OperationDefinitionNode;
    expect(def.name?.value).toBe('Everything');
    expect(def.selectionSet.selections.map((s) => (s as { alias?: { value: string } }).alias?.value)).toEqual(doc.keys);
    for (const v of def.variableDefinitions ?? []) expect(knownTypes.has(doc.query.slice(v.type.loc?.start, v.type.loc?.end))).toBe(true);
    // Each part's values under its own names, nothing shared.
    parts.forEach((p, i) => {
      for (const [v] of p.op.variables) expect(doc.variables[`${doc.keys[i]}_${v}`]).toBe(`${p.op.name}.${v}`);
    });
    expect(Object.keys(doc.variables)).toHaveLength(parts.reduce((n, p) => n + p.op.variables.length, 0));
  });

  it('one part alone is the operation\'s own document', () => {
    const op = REFERENCE_OPERATIONS.buildings;
    expect(composeDocument('Ignored', [{ op, variables: {}, reduced: false }])).toEqual({ name: 'Buildings', query: op.full, variables: {}, keys: ['BUILDING'] });
  });
});
