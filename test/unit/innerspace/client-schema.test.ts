import { operationOf, type SeenRequest } from './scripted-server';
import { parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { clientFor, defaultAnswer, errorOf, fieldsOf, memoryLogger, NIL, rowsFor, startFakeUpstream, type FakeUpstream } from './fake-upstream';

const q = (day: number, over: Record<string, unknown> = {}) => ({ ids: [71], from: day, to: day, granularity: 'PT1H' as const, ...over });

let fake: FakeUpstream;
beforeEach(async () => {
  fake = await startFakeUpstream();
});
afterEach(() => fake.close());

/** A server that knows none of the given fields ('FIELD' on any root, or 'ROOT.FIELD'), answering in Hasura's words (path through the alias). */
function hasuraWithout(fields: string[]) {
  return (req: SeenRequest) => {
    if (req.path === '/v2/oauth/token') return undefined;
    const doc = parse(String(req.json?.query ?? ''));
    const op = doc.definitions[0] as OperationDefinitionNode;
    for (const sel of op.selectionSet.selections as FieldNode[]) {
      const bad = sel.selectionSet?.selections
        .map((f) => (f as FieldNode).name.value)
        .find((f) => fields.includes(f) || fields.includes(`${sel.name.value}.${f}`));
      if (!bad) continue;
      const key = sel.alias?.value ?? sel.name.value;
      return {
        status: 200,
        body: { errors: [{ message: `field '${bad}' not found in type: '${sel.name.value}'`, extensions: { path: `$.selectionSet.${key}.selectionSet.${bad}`, code: 'validation-failed' } }] },
      };
    }
    return undefined;
  };
}

/** The default answer with some roots' rows replaced. */
function answerWith(req: SeenRequest, rows: Record<string, unknown[]>) {
  const data: Record<string, unknown> = {};
  for (const f of fieldsOf(req)) data[f.key] = rows[f.root] ?? rowsFor(f);
  return { body: { data } };
}

const asks = (req: SeenRequest, root: string) => fieldsOf(req).some((f) => f.root === root);

describe('guessed fields', () => {
  it('degrades once, remembers it, warns once, and returns null for the guessed fields', async () => {
    const log = memoryLogger();
    const client = clientFor(fake, { logger: log.logger });
    fake.rule(hasuraWithout(['OCCUPANCY_POS_MEAN', 'OCCUPANCY_MAX']));
    const first = await client.buildingInsights(q(20250501));
    expect(first[0]).toMatchObject({ occupancyMean: 10, occupancyPosMean: null, occupancyMax: null });
    expect(fake.graphql().map((r) => /OCCUPANCY_MAX/.test(String(r.json?.query)))).toEqual([true, false]);

    await client.buildingInsights(q(20250502));
    await client.buildingInsights(q(20250503, { ids: [71, 72] }));
    const later = fake.graphql().slice(2);
    expect(later).toHaveLength(2);
    for (const r of later) expect(String(r.json?.query)).not.toMatch(/OCCUPANCY_(POS_MEAN|MAX)/);
    const warns = log.lines().filter((l) => l.level === 40 && String(l.msg).includes('guessed fields'));
    expect(warns).toHaveLength(1);
    expect(warns[0]).toMatchObject({ root: 'BUILDING_INSIGHTS' });
  });

  it('the fallback is per root: zone insights still ask for their guessed fields until refused', async () => {
    const client = clientFor(fake);
    fake.rule(hasuraWithout(['OCCUPANCY_MAX']));
    await client.buildingInsights(q(20250501));
    fake.rule(null);
    const rows = await client.zoneInsights(q(20250501));
    expect(rows[0]?.occupancyMax).toBe(30);
  });

  it('graphql-js wording is understood too (zone capacity)', async () => {
    const client = clientFor(fake);
    fake.next('graphql', { status: 400, body: { errors: [{ message: 'Cannot query field "CAPACITY" on type "ZONE".' }] } });
    expect(await client.zones({ siteIds: [900000222] })).toEqual([{ id: 5, siteId: 900000222, name: 'Boardroom', zoneType: 'meeting_room', capacity: null }]);
  });

  it('a reduced query that is refused again is an error, not a loop', async () => {
    const client = clientFor(fake);
    fake.rule((req) =>
      req.path === '/v2/api' ? { body: { errors: [{ message: "field 'OCCUPANCY_MAX' not found in type: 'BUILDING_INSIGHTS'", extensions: { code: 'validation-failed' } }] } } : undefined,
    );
    const err = await errorOf(client.buildingInsights(q(20250501)));
    expect(err.code).toBe('UPSTREAM_GRAPHQL');
    expect(fake.graphql()).toHaveLength(2);
  });
});

describe('buildings', () => {
  it('lists buildings ordered by id; building(id) is null for unknown ids', async () => {
    const client = clientFor(fake);
    expect(await client.buildings()).toEqual([
      { id: 71, name: 'DEMO', timeZone: 'America/Toronto' },
      { id: 72, name: 'London', timeZone: 'Europe/London' },
    ]);
    expect(await client.building(72)).toEqual({ id: 72, name: 'London', timeZone: 'Europe/London' });
    expect(await client.building(999)).toBeNull();
    expect(fake.graphql()).toHaveLength(1);
  });

  it('without BUILDING.TIME_ZONE, the zone comes from SITE rows, then FLOOR rows, all in the one reference document', async () => {
    const client = clientFor(fake);
    fake.rule((req) => {
      if (req.path === '/v2/oauth/token') return undefined;
      return hasuraWithout(['BUILDING.TIME_ZONE'])(req) ?? answerWith(req, {
        BUILDING: [{ ID: 71, NAME: 'DEMO' }, { ID: 72, NAME: 'London' }, { ID: 73, NAME: 'Annex' }],
        FLOOR: [{ ID: 9, BUILDING_ID: 73, FLOOR_CODE: 'G', LEVEL: 0, NAME: 'Ground', TIME_ZONE: 'Asia/Kolkata' }],
      });
    });
    expect(await client.buildings()).toEqual([
      { id: 71, name: 'DEMO', timeZone: 'America/Toronto' },
      { id: 72, name: 'London', timeZone: 'Europe/London' },
      { id: 73, name: 'Annex', timeZone: 'Asia/Kolkata' },
    ]);
    // Refused once for BUILDING.TIME_ZONE, then the estate without it: SITE and FLOOR came along.
    expect(fake.graphql().map(operationOf)).toEqual(['Reference', 'Reference']);
    expect(fieldsOf(fake.graphql()[1]!).map((f) => f.root).sort()).toEqual(['BUILDING', 'FLOOR', 'GROUP', 'SITE', 'ZONE']);
  });

  it('when the BUILDING root is unknown, buildings come from SITE rows as "Building <id>"', async () => {
    const log = memoryLogger();
    const client = clientFor(fake, { logger: log.logger });
    fake.rule((req) =>
      req.path !== '/v2/oauth/token' && asks(req, 'BUILDING') ? { status: 200, body: { errors: [{ message: 'Cannot query field "BUILDING" on type "Query".' }] } } : undefined,
    );
    expect(await client.buildings()).toEqual([
      { id: 71, name: 'Building 71', timeZone: 'America/Toronto' },
      { id: 72, name: 'Building 72', timeZone: 'Europe/London' },
    ]);
    expect(log.lines().filter((l) => String(l.msg).includes('no BUILDING root'))).toHaveLength(1);
  });

  it('groups fall back to the default group when the GROUP root is unknown', async () => {
    const client = clientFor(fake);
    fake.next('graphql', { body: { errors: [{ message: "field 'GROUP' not found in type: 'query_root'", extensions: { code: 'validation-failed' } }] } });
    expect(await client.groups()).toEqual([{ id: NIL, name: 'Everyone' }]);
  });

  it('floors, sites and zones come from the one reference document, cached', async () => {
    const client = clientFor(fake);
    expect(await client.sites(71)).toEqual([{ id: 900000222, buildingId: 71, floorId: 1, code: 'L1', timeZone: 'America/Toronto' }]);
    expect(await client.floors(71)).toEqual([{ id: 1, buildingId: 71, name: 'Level 1', level: 1, code: 'L1', timeZone: 'America/Toronto' }]);
    expect(await client.zones({ ids: [5], siteIds: [900000222] })).toHaveLength(1);
    expect(await client.zones({ ids: [6] })).toEqual([]);
    expect(await client.sites(72)).toEqual([{ id: 900000333, buildingId: 72, floorId: 2, code: 'G', timeZone: 'Europe/London' }]);
    expect(fake.graphql().map(operationOf)).toEqual(['Reference']);
    expect(fieldsOf(fake.graphql()[0]!).map((f) => f.root).sort()).toEqual(['BUILDING', 'FLOOR', 'GROUP', 'SITE', 'ZONE']);
  });
});

describe('timestamps', () => {
  const naive = (req: SeenRequest) => {
    const reply = defaultAnswer(req);
    const body = reply.body as { data: Record<string, Array<Record<string, unknown>>> };
    for (const rows of Object.values(body.data)) for (const r of rows) if (typeof r.DATE_TIME_START === 'string') r.DATE_TIME_START = r.DATE_TIME_START.slice(0, 19);
    return reply;
  };

  it('naive timestamps are read in the site time zone, rows ordered by start', async () => {
    const client = clientFor(fake);
    fake.rule((req) => (operationOf(req).startsWith('BuildingInsights') ? naive(req) : undefined));
    const rows = await client.buildingInsights(q(20250501));
    // 08:00 and 09:00 in Toronto (EDT, UTC-4)
    expect(rows.map((r) => new Date(r.start).toISOString())).toEqual(['2025-05-01T12:00:00.000Z', '2025-05-01T13:00:00.000Z']);
    expect(rows.map((r) => r.startText)).toEqual(['2025-05-01T08:00:00', '2025-05-01T09:00:00']);
  });

  it('the caller may name the zone', async () => {
    const client = clientFor(fake);
    fake.rule((req) => (operationOf(req).startsWith('BuildingInsights') ? naive(req) : undefined));
    const rows = await client.buildingInsights(q(20250501, { timeZone: 'Asia/Kolkata' }));
    expect(new Date(rows[0]?.start ?? 0).toISOString()).toBe('2025-05-01T02:30:00.000Z');
    expect(fake.graphql().map(operationOf)).toEqual(['BuildingInsights']);
  });

  it('rows with an offset are ordered by instant', async () => {
    const client = clientFor(fake);
    const rows = await client.buildingInsights(q(20250501, { to: 20250502 }));
    const starts = rows.map((r) => r.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(rows).toHaveLength(4);
  });
});

describe('combined documents', () => {
  it('partial data: the root with rows answers, the root null under an error path fails alone, in one request', async () => {
    const client = clientFor(fake);
    await client.groups();
    fake.rule((req) => {
      const fields = req.path === '/v2/api' ? fieldsOf(req) : [];
      if (fields.length < 2) return undefined;
      const [ok, bad] = fields;
      return { body: { data: { [ok!.key]: rowsFor(ok!), [bad!.key]: null }, errors: [{ message: 'permission denied', path: [bad!.key], extensions: { code: 'unexpected' } }] } };
    });
    const before = fake.graphql().length;
    const [rows, failed] = await Promise.all([client.buildingInsights(q(20250501)), errorOf(client.zoneInsights(q(20250501)))]);
    expect(rows).toHaveLength(2);
    expect(failed).toMatchObject({ code: 'UPSTREAM_GRAPHQL', facts: { operation: 'ZoneInsights', messages: ['permission denied'] } });
    expect(fake.graphql().length - before).toBe(1);
  });

  it('an unknown root in the estate document loses none of the others', async () => {
    const client = clientFor(fake);
    fake.rule((req) => {
      const group = req.path !== '/v2/oauth/token' ? fieldsOf(req).find((f) => f.root === 'GROUP') : undefined;
      if (!group) return undefined;
      return { body: { errors: [{ message: "field 'GROUP' not found in type: 'query_root'", extensions: { path: `$.selectionSet.${group.key}`, code: 'validation-failed' } }] } };
    });
    const [groups, buildings] = await Promise.all([client.groups(), client.buildings()]);
    expect(groups).toEqual([{ id: NIL, name: 'Everyone' }]);
    expect(buildings.map((b) => b.id)).toEqual([71, 72]);
    expect(fake.graphql()).toHaveLength(2);
    expect(fieldsOf(fake.graphql()[1]!).map((f) => f.root).sort()).toEqual(['BUILDING', 'FLOOR', 'SITE', 'ZONE']);
    await client.groups();
    expect(fake.graphql()).toHaveLength(2);
  });
});
