import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getNamedType, isInputObjectType, isObjectType, type GraphQLNamedType, type GraphQLSchema, type GraphQLType } from 'graphql';
import { GUESS_FIELDS } from '../../../src/innerspace/schema-facts';
import { SIMULATOR_SDL, buildSdl } from '../../../src/simulator';

const sketch = buildSchema(readFileSync(join(__dirname, '../../../src/simulator/schema.sketch.graphql'), 'utf8'));
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
    for (const [table, guesses] of Object.entries(GUESS_FIELDS)) {
      for (const g of guesses as readonly string[]) {
        expect(fieldsOf(full, table)[g]).toBeDefined();
        expect(fieldsOf(reduced, table)[g]).toBeUndefined();
        expect(fieldsOf(reduced, `${table}_bool_exp`)[g]).toBeUndefined();
        expect(fieldsOf(reduced, `${table}_order_by`)[g]).toBeUndefined();
      }
    }
    expect(fieldsOf(reduced, 'BUILDING_INSIGHTS').OCCUPANCY_MEAN).toBe('Float');
  });
});
