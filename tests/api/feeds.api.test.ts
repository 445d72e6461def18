/**
 * /feeds: Atom of ideas and activities and iCalendar of events, read back with real parsers
 * (@rowanmanning/feed-parser and fast-xml-parser's validator for Atom, ical.js for iCalendar).
 * Per filter (district, theme, department) a feed holds exactly what the list API returns for the
 * same filter; it names the filter, carries no personal data, keeps hostile text as text and
 * answers 304 to a reader that has it already.
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, createTestSession, TestAgent } from '../../server/src/auth/testing.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer, type TestServer } from '../../server/src/test-support/test-server.js';

const DAY = 86_400_000;
const iso = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const SECRET_EMAIL = 'salainen.ehdottaja@example.test';
const SECRET_NAME = 'Salla Salainen';

let db: TestDatabase;
let server: TestServer;
let visitor: TestAgent;
let kallio: number;
let vironniemi: number;
let kymp: TestAgent;
const ids: Record<string, number> = {};

const json = async (res: Response, status = 200) => {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(status);
  return text ? JSON.parse(text) : null;
};
const areaId = async (name: string) => {
  const { rows } = await db.knex.raw("SELECT id FROM areas WHERE level = 'peruspiiri' AND name_fi = ?", [name]);
  expect(rows).toHaveLength(1);
  return rows[0].id as number;
};
/** A point inside the district, whatever its shape in the test areas. */
const pointIn = async (id: number): Promise<[number, number]> => {
  const { rows } = await db.knex.raw(
    'SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_PointOnSurface(geom) AS p FROM areas WHERE id = ?) s',
    [id],
  );
  return [rows[0].x, rows[0].y];
};

/** The feed as text, checked to be well-formed XML and an Atom feed. */
async function atom(path: string) {
  const res = await visitor.get(path);
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  expect(XMLValidator.validate(text)).toBe(true);
  const tree = new XMLParser({ ignoreAttributes: false }).parse(text);
  expect(tree.feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
  return { text, feed: parseFeed(text), res };
}
/** The calendar as text, parsed with ical.js. */
async function ics(path: string) {
  const res = await visitor.get(path);
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  const cal = new ICAL.Component(ICAL.parse(text));
  return { text, cal, events: cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}
const entryIds = (f: ReturnType<typeof parseFeed>) => f.items.map((i) => Number(i.url!.split('/').pop())).sort((a, b) => a - b);
const listIds = async (path: string) =>
  ((await json(await visitor.get(path))).features as { properties: { id: number } }[])
    .map((f) => f.properties.id)
    .sort((a, b) => a - b);

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db, { auth: { scryptLogN: 12, rateLimits: 'idea.ip=1000/1h' } });
  visitor = new TestAgent(server.url);
  kallio = await areaId('Kallio');
  vironniemi = await areaId('Vironniemi');
  const inKallio = await pointIn(kallio);
  const inVironniemi = await pointIn(vironniemi);
  const agent = async (input: Parameters<typeof createTestAccount>[1]) =>
    new TestAgent(server.url, await createTestSession(db.knex, await createTestAccount(db.knex, input)));
  kymp = await agent({ roles: ['official'], departments: ['kymp'] });
  const kuva = await agent({ roles: ['official'], departments: ['kuva'] });
  const resident = await agent({ roles: ['resident'] });

  const activity = async (who: TestAgent, body: Record<string, unknown>) =>
    (await json(await who.post('/api/activities', { status: 'planned', ...body }), 201)).id as number;
  ids.kallioEvent = await activity(kymp, {
    department: 'kymp',
    kind: 'event',
    titleFi: 'Katujuhla; Linjat, "kaikille" & 1 <2 &amp; 3> 0 \\ kenoviiva',
    titleEn: 'Street party',
    descriptionFi: 'Rivi yksi\nRivi kaksi, pilkku; puolipiste',
    themes: ['culture'],
    startsAt: iso(10),
    endsAt: iso(10.1),
    geometry: { type: 'Point', coordinates: inKallio },
  });
  ids.vironniemiProject = await activity(kuva, {
    department: 'kuva',
    kind: 'project',
    titleFi: 'Kirjaston remontti',
    themes: ['culture'],
    startsAt: iso(-100),
    endsAt: iso(200),
    geometry: { type: 'Point', coordinates: inVironniemi },
  });
  ids.oldEvent = await activity(kymp, {
    department: 'kymp',
    kind: 'event',
    titleFi: 'Mennyt tapahtuma',
    startsAt: iso(-40),
    endsAt: iso(-39.9),
    geometry: { type: 'Point', coordinates: inVironniemi },
  });
  // What an importer may bring in (the API refuses markup): it must stay text in every feed.
  await db.knex.raw("UPDATE activities SET description_fi = '<script>alert(1)</script>]]>&amp;' WHERE id = ?", [
    ids.vironniemiProject,
  ]);

  const idea = async (body: Record<string, unknown>) =>
    (await json(await resident.post('/api/ideas', { description: 'Kuvaus', ...body }), 201)).id as number;
  ids.kallioIdea = await idea({
    title: 'Puisto Linjoille',
    themes: ['environment-climate'],
    contactName: SECRET_NAME,
    contactEmail: SECRET_EMAIL,
    geometry: { type: 'Point', coordinates: inKallio },
  });
  ids.vironniemiIdea = await idea({
    title: 'Konsertti torille',
    themes: ['culture'],
    geometry: { type: 'Point', coordinates: inVironniemi },
  });
  // kymp takes the Kallio idea: the department filter then finds it.
  await json(await kymp.post(`/api/ideas/${ids.kallioIdea}/responsibility`));

  const table = await json(
    await kuva.post('/api/partnership-tables', {
      name: 'Vironniemen pöytä',
      convener: 'Kulttuurin ja vapaa-ajan toimiala',
      themes: ['culture'],
      areaId: vironniemi,
      contactName: 'Pekka Pöytä',
      contactEmail: 'poyta@example.test',
    }),
    201,
  );
  ids.table = table.id;
  const meeting = await json(
    await kuva.post(`/api/partnership-tables/${table.id}/meetings`, {
      startsAt: iso(5),
      endsAt: iso(5.1),
      place: 'Kirjasto, 2. krs',
    }),
    201,
  );
  ids.meeting = meeting.id;

  // Budgeting rounds: one for everyone with a kymp pot, its proposals over before the window; one
  // for Vuosaari's residents, all ahead.
  const PHASES = ['proposals', 'co_creation', 'feasibility_review', 'voting', 'results', 'implementation'];
  const budgetingRound = async (nameFi: string, first: number, more: Record<string, unknown>) =>
    (
      await json(
        await kymp.post('/api/budgeting/rounds', {
          nameFi,
          purpose: 'allocating_funds',
          totalEur: 10_000,
          ballot: { type: 'knapsack' },
          phases: Object.fromEntries(PHASES.map((p, i) => [p, iso(first + i * 20)])),
          ...more,
        }),
        201,
      )
    ).id as number;
  ids.cityRound = await budgetingRound('Koko kaupungin kierros', -60, {
    nameEn: 'City-wide round',
    allocation: { way: 'department', departments: [{ department: 'kymp', amountEur: 10_000 }] },
  });
  ids.vuosaariRound = await budgetingRound('Vuosaaren kierros', 1, {
    allocation: { way: 'project', projects: [{ nameFi: 'Hanke', amountEur: 10_000 }] },
    eligibility: { residenceAreaId: await areaId('Vuosaari') },
  });
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('Atom feeds', () => {
  it('hold exactly what the list returns for each filter', async () => {
    const filters = [
      '',
      `area=${kallio}`,
      `area=${vironniemi}`,
      'theme=culture',
      'theme=environment-climate',
      'department=kymp',
      `department=kuva&area=${vironniemi}`,
    ];
    for (const dataset of ['ideas', 'activities']) {
      for (const f of filters) {
        const { feed } = await atom(`/feeds/${dataset}.atom?${f}`);
        expect(entryIds(feed), `${dataset}?${f}`).toEqual(await listIds(`/api/${dataset}?${f}`));
      }
    }
    const { feed } = await atom(`/feeds/ideas.atom?area=${kallio}`);
    expect(entryIds(feed)).toEqual([ids.kallioIdea]);
  });

  it('name their filter, in the language asked, and link to the map view with the same filter', async () => {
    const en = await atom(`/feeds/ideas.atom?area=${kallio}&theme=environment-climate&lang=en`);
    expect(en.feed.title).toMatch(/^Ideas in Kallio — theme /);
    const alternate = en.feed.url!;
    expect(new URL(alternate).pathname).toBe('/ideas');
    expect(Object.fromEntries(new URL(alternate).searchParams)).toEqual({ area: String(kallio), theme: 'environment-climate' });
    expect(en.feed.self).toContain('/feeds/ideas.atom?');
    const fi = await atom(`/feeds/activities.atom?department=kymp`);
    expect(fi.feed.title).toMatch(/^Kaupungin toiminta — toimiala /);
    expect(fi.feed.language).toBe('fi');
    const sv = await atom(`/feeds/activities.atom?lang=sv`);
    expect(sv.feed.title).toBe('Stadens verksamhet');
  });

  it('give each entry a stable id, its page, its themes and department, and a point', async () => {
    const a = await atom('/feeds/ideas.atom');
    const b = await atom('/feeds/ideas.atom');
    expect(a.text).toBe(b.text);
    const item = a.feed.items.find((i) => i.url?.endsWith(`/ideas/${ids.kallioIdea}`))!;
    expect(item.id).toBe(item.url);
    expect(item.title).toBe('Puisto Linjoille');
    expect(item.description).toBe('Kuvaus');
    expect(item.updated).toBeInstanceOf(Date);
    expect(item.categories.map((c) => c.term).sort()).toEqual(['environment-climate', 'kymp']);
    expect(a.text).toMatch(/<georss:point>60\.\d+ 2[45]\.\d+<\/georss:point>/);
    const en = await atom(`/feeds/activities.atom?lang=en&area=${kallio}`);
    expect(en.feed.items.map((i) => i.title)).toEqual(['Street party']);
  });

  it('keep hostile text as text and carry no personal data', async () => {
    const { text, feed } = await atom('/feeds/activities.atom');
    const project = feed.items.find((i) => i.url?.endsWith(`/activities/${ids.vironniemiProject}`))!;
    // feed-parser reads summaries as HTML; the XML text itself is what the importer brought.
    type Text = { '#text': string };
    const entries = new XMLParser({ ignoreAttributes: false }).parse(text).feed.entry as {
      id: string;
      title: Text;
      summary: Text;
    }[];
    const entry = (id: string) => entries.find((e) => e.id === id)!;
    expect(entry(project.id!).summary['#text']).toBe('<script>alert(1)</script>]]>&amp;');
    expect(text).not.toContain('<script>');
    const party = feed.items.find((i) => i.url?.endsWith(`/activities/${ids.kallioEvent}`))!;
    expect(entry(party.id!).title['#text']).toBe('Katujuhla; Linjat, "kaikille" & 1 <2 &amp; 3> 0 \\ kenoviiva');
    for (const path of ['/feeds/ideas.atom', '/feeds/activities.atom', '/feeds/events.ics']) {
      const body = await (await visitor.get(path)).text();
      expect(body).not.toMatch(/@example\.test|@hel\.example/);
      expect(body).not.toContain(SECRET_NAME);
      expect(body).not.toContain('Pekka Pöytä');
    }
  });

  it('bound the entries: the latest 50, a limit up to 200', async () => {
    const { feed } = await atom('/feeds/activities.atom?limit=1');
    expect(feed.items).toHaveLength(1);
    const [newest] = (await atom('/feeds/activities.atom')).feed.items;
    expect(feed.items[0].id).toBe(newest.id);
    expect((await visitor.get('/feeds/activities.atom?limit=201')).status).toBe(400);
  });

  it('refuse what the list refuses, naming the parameter', async () => {
    for (const [path, name] of [
      ['/feeds/ideas.atom?theme=no-such-theme', 'theme'],
      ['/feeds/activities.atom?department=no-such', 'department'],
      ['/feeds/ideas.atom?area=99999999', 'area'],
      ['/feeds/ideas.atom?colour=red', 'colour'],
      ['/feeds/activities.atom?offset=10', 'offset'],
      ['/feeds/ideas.atom?lang=de', 'lang'],
      ['/feeds/events.ics?theme=no-such-theme', 'theme'],
      ['/feeds/events.ics?kind=event', 'kind'],
    ]) {
      const res = await visitor.get(path);
      const body = await res.text();
      expect(res.status, path).toBe(400);
      expect(body, path).toContain(name);
    }
  });

  it('answer 304 to a reader that has the feed, and are open to any site', async () => {
    for (const path of ['/feeds/ideas.atom', '/feeds/activities.atom?theme=culture', '/feeds/events.ics']) {
      const first = await visitor.get(path);
      await first.text();
      expect(first.headers.get('access-control-allow-origin')).toBe('*');
      const etag = first.headers.get('etag')!;
      expect(etag).toBeTruthy();
      expect(first.headers.get('last-modified')).toBeTruthy();
      // fetch() adds "Cache-Control: no-cache" to conditional requests unless told otherwise; a feed reader does not.
      const revalidate = { 'Cache-Control': 'max-age=0' };
      const again = await fetch(server.url + path, { headers: { ...revalidate, 'If-None-Match': etag } });
      expect(again.status, path).toBe(304);
      const since = await fetch(server.url + path, {
        headers: { ...revalidate, 'If-Modified-Since': first.headers.get('last-modified')! },
      });
      expect(since.status, path).toBe(304);
    }
  });
});

describe('the events calendar', () => {
  it('holds the events and meetings of the list APIs for each filter, from 30 days back', async () => {
    const from = iso(-30);
    const cases: [string, string, string][] = [
      ['', '', ''],
      [`area=${vironniemi}`, `area=${vironniemi}`, `area=${vironniemi}`],
      [`area=${kallio}`, `area=${kallio}`, `area=${kallio}`],
      ['theme=culture', 'theme=culture', 'theme=culture'],
      // A meeting's department is its table's convening one.
      ['department=kymp', 'department=kymp', 'department=kymp'],
      [`department=kuva&area=${vironniemi}`, `department=kuva&area=${vironniemi}`, `department=kuva&area=${vironniemi}`],
    ];
    // A round lies where its residents live (everywhere when it is for everyone), belongs to its
    // pots' departments and has no themes; the city round's proposals closed before the window.
    const cityPhases = ['co_creation', 'feasibility_review', 'voting', 'results', 'implementation'].map(
      (p) => `budgeting-round-${ids.cityRound}-${p}@`,
    );
    const vuosaariPhases = ['proposals', 'co_creation', 'feasibility_review', 'voting', 'results', 'implementation'].map(
      (p) => `budgeting-round-${ids.vuosaariRound}-${p}@`,
    );
    const phases: Record<string, string[]> = {
      '': [...cityPhases, ...vuosaariPhases],
      [`area=${vironniemi}`]: cityPhases,
      [`area=${kallio}`]: cityPhases,
      'theme=culture': [],
      'department=kymp': cityPhases,
      [`department=kuva&area=${vironniemi}`]: [],
    };
    for (const [f, activities, meetings] of cases) {
      const { events } = await ics(`/feeds/events.ics?${f}`);
      const expected = [
        ...(await listIds(`/api/activities?kind=event&from=${from}&${activities}`)).map((id) => `activity-${id}@`),
        ...(await listIds(`/api/partnership-tables/meetings?from=${from}&${meetings}`)).map(
          (id) => `partnership-table-meeting-${id}@`,
        ),
        ...phases[f],
      ].sort();
      expect(events.map((e) => e.uid.replace(/@.*/, '@')).sort(), f).toEqual(expected);
    }
    const kuva = (await ics(`/feeds/events.ics?department=kuva`)).events.map((e) => e.uid);
    expect(kuva.map((u) => u.replace(/@.*/, ''))).toEqual([`partnership-table-meeting-${ids.meeting}`]);
    const all = (await ics('/feeds/events.ics')).events.map((e) => e.uid);
    expect(all.some((u) => u.startsWith(`activity-${ids.oldEvent}@`))).toBe(false);
    expect(all.some((u) => u.startsWith(`activity-${ids.kallioEvent}@`))).toBe(true);
    expect(all.some((u) => u.startsWith(`partnership-table-meeting-${ids.meeting}@`))).toBe(true);
  });

  it('writes valid VEVENTs: stable UIDs, UTC times, escaped text, folded CRLF lines', async () => {
    const a = await ics('/feeds/events.ics?lang=en');
    const b = await ics('/feeds/events.ics?lang=en');
    expect(a.text).toBe(b.text);
    expect(a.text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(a.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const party = a.events.find((e) => e.uid.startsWith(`activity-${ids.kallioEvent}@`))!;
    expect(party.summary).toBe('Street party');
    const fi = await ics(`/feeds/events.ics?area=${kallio}`);
    const partyFi = fi.events.find((e) => e.uid.startsWith(`activity-${ids.kallioEvent}@`))!;
    expect(partyFi.summary).toBe('Katujuhla; Linjat, "kaikille" & 1 <2 &amp; 3> 0 \\ kenoviiva');
    expect(partyFi.description).toBe('Rivi yksi\nRivi kaksi, pilkku; puolipiste');
    expect(partyFi.startDate.zone.tzid).toBe('UTC');
    expect(partyFi.endDate.toJSDate().getTime()).toBeGreaterThan(partyFi.startDate.toJSDate().getTime());
    expect(partyFi.component.getFirstPropertyValue('url')).toMatch(new RegExp(`/activities/${ids.kallioEvent}$`));
    expect(partyFi.component.getFirstPropertyValue('geo')).toHaveLength(2);
    expect(partyFi.component.getFirstPropertyValue('dtstamp')).toBeTruthy();
    const meeting = (await ics(`/feeds/events.ics?area=${vironniemi}`)).events.find((e) =>
      e.uid.startsWith('partnership-table-meeting-'),
    )!;
    expect(meeting.summary).toBe('Kumppanuuspöydän kokous: Vironniemen pöytä');
    expect(meeting.location).toBe('Kirjasto, 2. krs');
    expect(a.cal.getFirstPropertyValue('x-wr-calname')).toBe('Events and partnership table meetings');
  });

  it('holds each phase of a budgeting round as one VEVENT, from its start to the next phase’s', async () => {
    const round = await json(await visitor.get(`/api/budgeting/rounds/${ids.vuosaariRound}`));
    const phase = (events: Awaited<ReturnType<typeof ics>>['events'], p: string) =>
      events.find((e) => e.uid.startsWith(`budgeting-round-${ids.vuosaariRound}-${p}@`))!;
    const en = await ics('/feeds/events.ics?lang=en');
    const voting = phase(en.events, 'voting');
    // The round has no English name: the Finnish one stands in.
    expect(voting.summary).toBe('Voting: Vuosaaren kierros');
    expect(voting.startDate.toJSDate().toISOString()).toBe(new Date(round.phases.voting).toISOString());
    expect(voting.endDate.toJSDate().toISOString()).toBe(new Date(round.phases.results).toISOString());
    expect(voting.component.getFirstPropertyValue('url')).toMatch(new RegExp(`/budgeting/rounds/${ids.vuosaariRound}$`));
    // Implementation runs on: no end.
    expect(phase(en.events, 'implementation').component.getFirstPropertyValue('dtend')).toBeNull();
    const city = en.events.find((e) => e.uid.startsWith(`budgeting-round-${ids.cityRound}-voting@`))!;
    expect(city.summary).toBe('Voting: City-wide round');
    const fi = await ics('/feeds/events.ics');
    expect(phase(fi.events, 'proposals').summary).toBe('Ehdotusvaihe: Vuosaaren kierros');
    const sv = await ics('/feeds/events.ics?lang=sv');
    expect(phase(sv.events, 'feasibility_review').summary).toBe('Bedömning av genomförbarhet: Vuosaaren kierros');
    // The same UIDs in every language and every time: a calendar app updates, never duplicates.
    const uids = (e: Awaited<ReturnType<typeof ics>>['events']) =>
      e
        .map((x) => x.uid)
        .filter((u) => u.startsWith('budgeting-'))
        .sort();
    expect(uids(fi.events)).toEqual(uids(en.events));
    expect(uids(sv.events)).toEqual(uids((await ics('/feeds/events.ics?lang=sv')).events));
    expect(new Set(uids(fi.events)).size).toBe(11);
  });
  it('holds only a table’s own meetings when asked for one table (its page’s subscribe link)', async () => {
    const other = await json(
      await kymp.post('/api/partnership-tables', { name: 'Kallion pöytä', convener: 'Kaupunkiympäristö', areaId: kallio }),
      201,
    );
    const otherMeeting = await json(
      await kymp.post(`/api/partnership-tables/${other.id}/meetings`, {
        startsAt: iso(6),
        endsAt: iso(6.1),
        place: 'Kallion kirjasto',
      }),
      201,
    );
    const uids = async (f: string) => (await ics(`/feeds/events.ics?${f}`)).events.map((e) => e.uid.replace(/@.*/, '')).sort();
    // Without the table filter both tables' meetings are there, with activities and phases.
    const all = await uids('');
    expect(all).toEqual(
      expect.arrayContaining([`partnership-table-meeting-${ids.meeting}`, `partnership-table-meeting-${otherMeeting.id}`]),
    );
    expect(all.some((u) => u.startsWith('activity-'))).toBe(true);
    expect(await uids(`table=${ids.table}`)).toEqual([`partnership-table-meeting-${ids.meeting}`]);
    expect(await uids(`table=${other.id}`)).toEqual([`partnership-table-meeting-${otherMeeting.id}`]);
    expect(await uids(`table=${ids.table},${other.id}`)).toEqual(
      [`partnership-table-meeting-${ids.meeting}`, `partnership-table-meeting-${otherMeeting.id}`].sort(),
    );
    // The calendar names its table; the list route takes the same parameter.
    const named = await ics(`/feeds/events.ics?table=${other.id}&lang=en`);
    expect(named.cal.getFirstPropertyValue('x-wr-calname')).toBe('Events and partnership table meetings — Kallion pöytä');
    const listed = await json(await visitor.get(`/api/partnership-tables/meetings?table=${other.id}`));
    expect(listed.features.map((f: { id: number }) => f.id)).toEqual([otherMeeting.id]);
    const bad = await visitor.get('/feeds/events.ics?table=abc');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/table/);
  });
});
