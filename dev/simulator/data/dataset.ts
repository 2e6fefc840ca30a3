/**
 * The simulated estate: buildings, floors, sites, zones, groups and zone sets. Plain data,
 * fixed forever, so tests and demos can name ids directly.
 */

export const ZONE_TYPES = ['meeting_room', 'desk_area', 'cafe', 'focus_room', 'lounge', 'reception'] as const;
export type ZoneType = (typeof ZONE_TYPES)[number];

export interface SimBuilding {
  readonly id: number;
  readonly name: string;
  readonly timeZone: string;
  /** Southern-hemisphere buildings take their summer break in December/January. */
  readonly hemisphere: 'north' | 'south';
  /** Hours the local working day runs later (+) or earlier (−) than a 09:00 start. */
  readonly hourShift: number;
}

export interface SimFloor {
  readonly id: number;
  readonly buildingId: number;
  readonly name: string;
  readonly level: number;
  readonly code: string;
  readonly timeZone: string;
}

export interface SimSite {
  readonly id: number;
  readonly buildingId: number;
  readonly floorId: number;
  readonly code: string;
  readonly timeZone: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly altitude: number;
}

export interface SimZone {
  readonly id: number;
  readonly buildingId: number;
  readonly siteId: number;
  readonly name: string;
  readonly zoneType: ZoneType;
  readonly capacity: number;
}

export interface SimGroup {
  readonly id: string;
  readonly name: string;
  /** Share of everyone's occupancy attributed to this group. */
  readonly share: number;
}

export const NIL_GROUP = '00000000-0000-0000-0000-000000000000';

export const SIM_GROUPS: readonly SimGroup[] = [
  { id: NIL_GROUP, name: 'Everyone', share: 1 },
  { id: '3f6c2a1e-8b4d-4e7a-9c15-2d8e6f1a4b70', name: 'Engineering', share: 0.42 },
  { id: 'a9d1e4c7-52b3-4f08-8e6a-71c0b93d2e54', name: 'Sales', share: 0.23 },
  // A two-word name and an accented one, as departments are named; with the two above they
  // are 88% of everyone (the rest are visitors and people in no department).
  { id: '5b2e7d90-1c4a-4f63-a8e2-9d07c6b13f25', name: 'Customer Success', share: 0.15 },
  { id: 'c81f3a5d-6e29-4b07-b4d1-0a5e92f7c368', name: 'Opérations', share: 0.08 },
];

type ZoneSpec = readonly [name: string, type: ZoneType, capacity: number];
interface FloorSpec {
  readonly level: number;
  readonly name: string;
  readonly code: string;
  readonly zones: readonly ZoneSpec[];
}
interface BuildingSpec extends SimBuilding {
  readonly firstSiteId: number;
  readonly lat: number;
  readonly lon: number;
  readonly alt: number;
  readonly floors: readonly FloorSpec[];
}

const SPECS: readonly BuildingSpec[] = [
  {
    id: 71, name: 'DEMO', timeZone: 'America/Toronto', hemisphere: 'north', hourShift: 0,
    firstSiteId: 900000222, lat: 43.6453, lon: -79.3806, alt: 76,
    floors: [
      { level: 1, name: 'Level 1', code: 'L1', zones: [
        ['Reception', 'reception', 10], ['Cafe', 'cafe', 60], ['Atrium Lounge', 'lounge', 20], ['Meeting Room 1.01', 'meeting_room', 8],
      ] },
      { level: 2, name: 'Level 2', code: 'L2', zones: [
        ['Desk Area 2A', 'desk_area', 48], ['Desk Area 2B', 'desk_area', 36], ['Meeting Room 2.01', 'meeting_room', 10],
        ['Focus Room 2.02', 'focus_room', 2], ['Focus Room 2.03', 'focus_room', 3],
      ] },
      { level: 3, name: 'Level 3', code: 'L3', zones: [
        ['Desk Area 3A', 'desk_area', 56], ['Boardroom 3.01', 'meeting_room', 16], ['Meeting Room 3.02', 'meeting_room', 6],
        ['Focus Room 3.03', 'focus_room', 2], ['Lounge 3', 'lounge', 14],
      ] },
    ],
  },
  {
    id: 104, name: 'Southwark Works', timeZone: 'Europe/London', hemisphere: 'north', hourShift: 0,
    firstSiteId: 900001040, lat: 51.5033, lon: -0.0921, alt: 11,
    floors: [
      { level: 0, name: 'Ground Floor', code: 'G', zones: [['Front Desk', 'reception', 6], ['Canteen', 'cafe', 40]] },
      { level: 1, name: 'Level 1', code: 'L1', zones: [
        ['Open Plan North', 'desk_area', 40], ['Thames Room', 'meeting_room', 12], ['Quiet Pod 1', 'focus_room', 2],
      ] },
      { level: 2, name: 'Level 2', code: 'L2', zones: [
        ['Open Plan South', 'desk_area', 32], ['Borough Room', 'meeting_room', 8], ['Roof Lounge', 'lounge', 18],
      ] },
    ],
  },
  {
    id: 118, name: 'Barangaroo Tower', timeZone: 'Australia/Sydney', hemisphere: 'south', hourShift: -0.5,
    firstSiteId: 900001180, lat: -33.8616, lon: 151.2017, alt: 24,
    floors: [
      { level: 12, name: 'Level 12', code: 'L12', zones: [
        ['Reception 12', 'reception', 8], ['Harbour Kitchen', 'cafe', 30], ['Workspace 12', 'desk_area', 44], ['Wattle Room', 'meeting_room', 10],
      ] },
      { level: 13, name: 'Level 13', code: 'L13', zones: [
        ['Workspace 13', 'desk_area', 38], ['Banksia Room', 'meeting_room', 6], ['Focus Booth 13', 'focus_room', 2], ['Breakout 13', 'lounge', 12],
      ] },
    ],
  },
  {
    id: 131, name: 'Whitefield Campus', timeZone: 'Asia/Kolkata', hemisphere: 'north', hourShift: 1,
    firstSiteId: 900001310, lat: 12.9698, lon: 77.7500, alt: 890,
    floors: [
      { level: 1, name: 'Level 1', code: 'L1', zones: [['Lobby', 'reception', 12], ['Food Court', 'cafe', 80]] },
      { level: 2, name: 'Level 2', code: 'L2', zones: [
        ['Bay 2A', 'desk_area', 60], ['Bay 2B', 'desk_area', 60], ['Huddle 2.1', 'meeting_room', 6],
      ] },
      { level: 3, name: 'Level 3', code: 'L3', zones: [
        ['Bay 3A', 'desk_area', 50], ['Conference 3.1', 'meeting_room', 14], ['Focus Room 3.2', 'focus_room', 3],
      ] },
    ],
  },
];

export interface SimDataset {
  readonly buildings: readonly SimBuilding[];
  readonly floors: readonly SimFloor[];
  readonly sites: readonly SimSite[];
  readonly zones: readonly SimZone[];
  readonly groups: readonly SimGroup[];
  readonly zoneSets: readonly { readonly id: string; readonly name: string; readonly zoneIds: readonly number[] }[];
}

function expand(): SimDataset {
  const buildings: SimBuilding[] = [];
  const floors: SimFloor[] = [];
  const sites: SimSite[] = [];
  const zones: SimZone[] = [];
  for (const b of SPECS) {
    const { id, name, timeZone, hemisphere, hourShift } = b;
    buildings.push({ id, name, timeZone, hemisphere, hourShift });
    let zoneSeq = 1;
    b.floors.forEach((f, i) => {
      const floorId = b.id * 10 + i + 1;
      const siteId = b.firstSiteId + i;
      floors.push({ id: floorId, buildingId: b.id, name: f.name, level: f.level, code: f.code, timeZone });
      sites.push({
        id: siteId, buildingId: b.id, floorId, code: `${b.id}-${f.code}`, timeZone,
        latitude: b.lat, longitude: b.lon, altitude: b.alt + f.level * 4,
      });
      for (const [zoneName, zoneType, capacity] of f.zones) {
        zones.push({ id: b.id * 1000 + zoneSeq++, buildingId: b.id, siteId, name: zoneName, zoneType, capacity });
      }
    });
  }
  const zoneSets = [
    { id: 'b7e3c1d2-6a4f-4e59-8d21-0f9a3c5e7b18', name: 'DEMO meeting rooms', zoneIds: zones.filter((z) => z.buildingId === 71 && z.zoneType === 'meeting_room').map((z) => z.id) },
    { id: 'e2a8f4b6-1c3d-4b7e-9f05-6d8c2a4e1b39', name: 'Cafes', zoneIds: zones.filter((z) => z.zoneType === 'cafe').map((z) => z.id) },
  ];
  return deepFreeze({ buildings, floors, sites, zones, groups: SIM_GROUPS, zoneSets });
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    for (const v of Object.values(o as object)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/** The whole estate. A constant: it never changes and holds no state. */
export const SIM_DATASET: SimDataset = expand();

export const SIM_BUILDINGS: readonly SimBuilding[] = SIM_DATASET.buildings;

export function simBuilding(id: number): SimBuilding | undefined {
  return SIM_DATASET.buildings.find((b) => b.id === id);
}
