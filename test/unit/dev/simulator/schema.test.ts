import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getNamedType, isInputObjectType, isObjectType, type GraphQLNamedType, type GraphQLSchema, type GraphQLType } from 'graphql';
import { GUESSED_COLUMNS, SIM_GRANULARITIES, SIMULATOR_SDL, buildSdl } from '../../../../dev/simulator';

const sketch = buildSchema(readFileSync(join(__dirname, '../../../../dev/simulator/schema.sketch.graphql'), 'utf8'));
const GUESS = '[GUESS]';
const full = buildSchema(SIMULATOR_SDL);
const reduced = buildSchema(buildSdl({ withoutGuessFields: true }));

function fieldsOf(schema: GraphQLSchema, typeName: string): Record<string, string> {
  const t = schema.getType(typeName);
  if (!t || !(isObjectType(t) || isInputObjectType(t))) return {};
  return Object.fromEntries(Object.values(t.getFields()).map((f) => [f.name, (getNamedType(f.type as GraphQLType) as GraphQLNamedType).name]));
}

describe('simulator schema', () => {
  test('serves every type and field of the sketch with the same named types', () => {
    for (const type of Object.values(sketch.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInputObjectType(type))) continue;
      const ours = fieldsOf(full, type.name);
      for (const [field, named] of Object.entries(fieldsOf(sketch, type.name))) {
        expect({ type: type.name, field, named: ours[field] }).toEqual({ type: type.name, field, named });
      }
    }
  });

  test('every root takes where, order_by, limit and offset; every bool_exp has _and/_or/_not', () => {
    const roots = Object.values(full.getQueryType()?.getFields() ?? {});
    expect(roots.map((r) => r.name).sort()).toEqual(
      ['BUILDING', 'BUILDING_INSIGHTS', 'FLOOR', 'GROUP', 'SITE', 'ZONE', 'ZONE_INSIGHTS', 'ZONE_SET', 'ZONE_TYPE_INSIGHTS'].sort(),
    );
    for (const root of roots) {
      expect(root.args.map((a) => a.name)).toEqual(['where', 'order_by', 'limit', 'offset']);
      const boolExp = fieldsOf(full, `${root.name}_bool_exp`);
      expect(Object.keys(boolExp)).toEqual(expect.arrayContaining(['_and', '_or', '_not']));
    }
  });

  test('the insights types carry the mean, positive mean and max', () => {
    for (const t of ['BUILDING_INSIGHTS', 'ZONE_INSIGHTS', 'ZONE_TYPE_INSIGHTS']) {
      expect(fieldsOf(full, t)).toMatchObject({ OCCUPANCY_MEAN: 'Float', OCCUPANCY_POS_MEAN: 'Float', OCCUPANCY_MAX: 'Float' });
    }
  });

  test('the reduced variant lacks exactly the guessed fields, in types, filters and orderings', () => {
    for (const [table, guesses] of Object.entries(GUESSED_COLUMNS)) {
      for (const g of guesses as readonly string[]) {
        expect(fieldsOf(full, table)[g]).toBeDefined();
        expect(fieldsOf(reduced, table)[g]).toBeUndefined();
        expect(fieldsOf(reduced, `${table}_bool_exp`)[g]).toBeUndefined();
        expect(fieldsOf(reduced, `${table}_order_by`)[g]).toBeUndefined();
      }
    }
    expect(fieldsOf(reduced, 'BUILDING_INSIGHTS').OCCUPANCY_MEAN).toBe('Float');
  });

  test('the granularities are the ones the sketch names for GRANULARITY', () => {
    const t = sketch.getType('BUILDING_INSIGHTS');
    if (!t || !isObjectType(t)) throw new Error('no BUILDING_INSIGHTS in the sketch');
    const description = t.getFields().GRANULARITY?.description ?? '';
    expect([...description.matchAll(/\bP(?:T\d+[HMS]|\d+[DWMY])\b/g)].map((m) => m[0])).toEqual([...SIM_GRANULARITIES]);
  });

  test('the guessed columns are read from the sketch: [GUESS] fields, fields beyond it, columns of wholly guessed types', () => {
    const guessed = GUESSED_COLUMNS as Partial<Record<string, readonly string[]>>;
    for (const table of ['BUILDING_INSIGHTS', 'ZONE_INSIGHTS', 'ZONE_TYPE_INSIGHTS']) {
      const inSketch = sketch.getType(table);
      if (!inSketch || !isObjectType(inSketch)) throw new Error(`no ${table} in the sketch`);
      const fields = inSketch.getFields();
      // Insights: every field the sketch itself marks [GUESS], and every column served beyond it.
      const expected = Object.keys(fieldsOf(full, table)).filter((c) => !fields[c] || fields[c]!.description?.trim() === GUESS);
      expect({ table, guessed: [...(guessed[table] ?? [])].sort() }).toEqual({ table, guessed: expected.sort() });
    }
    // Reference tables: only whole types the sketch calls a guess may have guessed columns.
    for (const [table, columns] of Object.entries(guessed)) {
      if (table.endsWith('_INSIGHTS')) continue;
      expect({ table, description: sketch.getType(table)?.description ?? '' }).toEqual({ table, description: expect.stringContaining(GUESS) });
      for (const c of columns ?? []) expect(fieldsOf(sketch, table)[c]).toBeDefined();
    }
  });
});
