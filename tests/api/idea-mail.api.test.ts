/** E-mails to people who submitted an idea without an account: the tracking code, and moderation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryMailer } from '../../server/src/auth/mailer.js';
import { createTestAccount, createTestSession, TestAgent } from '../../server/src/auth/testing.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer, type TestServer } from '../../server/src/test-support/test-server.js';

const PUBLIC_URL = 'http://kartta.example.test:8080';
const CATHEDRAL = [24.9522, 60.1704];
const mailer = memoryMailer();
let db: TestDatabase;
let server: TestServer;
let moderator: TestAgent;
let resident: TestAgent;

const visitorPost = (url: string, path: string, body: unknown) =>
  fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const idea = (extra: Record<string, unknown> = {}) => ({
  title: 'Uimaranta Vanhankaupunginlahdelle',
  description: 'Matala ranta sopisi lapsiperheille.',
  themes: ['sport-outdoors'],
  geometry: { type: 'Point', coordinates: CATHEDRAL },
  ...extra,
});
const mailsTo = (to: string) => mailer.messages.filter((m) => m.to === to);
const countIdeas = async () => (await db.knex.raw('SELECT count(*)::int AS n FROM ideas')).rows[0].n as number;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db, { auth: { scryptLogN: 12, mailer, publicUrl: PUBLIC_URL, rateLimits: 'idea.ip=1000/1h' } });
  moderator = new TestAgent(
    server.url,
    await createTestSession(db.knex, await createTestAccount(db.knex, { roles: ['moderator'] })),
  );
  resident = new TestAgent(
    server.url,
    await createTestSession(db.knex, await createTestAccount(db.knex, { email: 'aino@mail.test' })),
  );
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('the tracking code by e-mail', () => {
  it('mails the code and the idea link at once to the contact address a visitor gives', async () => {
    const res = await visitorPost(server.url, '/api/ideas', idea({ contactEmail: 'kavija@mail.test' }));
    expect(res.status).toBe(201);
    const { id, trackingCode } = await res.json();
    const mails = mailsTo('kavija@mail.test');
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain(trackingCode);
    const link = `${PUBLIC_URL}/ideas/${id}`;
    expect(mails[0].text).toContain(link);
    // Submitted without a language: Finnish, the service's first language, and only Finnish.
    expect(mails[0].text).toMatch(new RegExp(`seurantakoodi on ${trackingCode}`));
    expect(mails[0].text).not.toMatch(/Spårningskoden|tracking code/);
    expect(mails[0].text).toContain('Uimaranta Vanhankaupunginlahdelle');
  });

  it('mails nothing without a contact address, or when the submission is refused', async () => {
    const before = mailer.messages.length;
    expect((await visitorPost(server.url, '/api/ideas', idea())).status).toBe(201);
    const refused = await visitorPost(
      server.url,
      '/api/ideas',
      idea({ contactEmail: 'hylätty@mail.test', themes: ['no-such-theme'] }),
    );
    expect(refused.status).toBe(400);
    expect(mailer.messages.length).toBe(before);
  });

  it('keeps the idea and answers with the code when the mail server cannot be reached', async () => {
    // A real SMTP transport pointed at a closed port: sending fails, the submission must not.
    const smtp = await startTestServer(db, {
      auth: { scryptLogN: 12, smtpUrl: 'smtp://127.0.0.1:9', publicUrl: PUBLIC_URL, rateLimits: 'idea.ip=1000/1h' },
    });
    try {
      const before = await countIdeas();
      const res = await visitorPost(smtp.url, '/api/ideas', idea({ contactEmail: 'ei-postia@mail.test' }));
      expect(res.status).toBe(201);
      expect((await res.json()).trackingCode).toMatch(/^KK-/);
      expect(await countIdeas()).toBe(before + 1);
    } finally {
      await smtp.close();
    }
  });
});

describe('telling a visitor author that their idea was hidden', () => {
  it('mails the public reason to the contact address of a visitor idea', async () => {
    const { id, trackingCode } = await (
      await visitorPost(server.url, '/api/ideas', idea({ contactEmail: 'piilotettu@mail.test' }))
    ).json();
    expect((await moderator.post(`/api/moderation/ideas/${id}/hide`, { reason: 'Sisältää puhelinnumeron' })).status).toBe(204);
    const mails = mailsTo('piilotettu@mail.test');
    expect(mails).toHaveLength(2); // the tracking code, then the notice
    const notice = mails[1];
    expect(notice.subject).toContain(trackingCode);
    expect(notice.subject).toMatch(/piilotettu/);
    expect(notice.text).toContain('Syy: Sisältää puhelinnumeron');
    expect(notice.text).not.toContain('Orsak:');
    expect(notice.text).toContain(`${PUBLIC_URL}/ideas/${id}`);
  });

  it('tells an account author in the app, not by mail, and mails nothing for a hidden comment', async () => {
    const own = await (await resident.post('/api/ideas', idea({ contactEmail: 'aino-yhteys@mail.test' }))).json();
    const comment = await (await resident.post(`/api/ideas/${own.id}/comments`, { body: 'Lisätietoa tulossa' })).json();
    const before = mailer.messages.length;
    expect((await moderator.post(`/api/moderation/comments/${comment.id}/hide`, { reason: 'Asiaton' })).status).toBe(204);
    expect((await moderator.post(`/api/moderation/ideas/${own.id}/hide`, { reason: 'Mainos' })).status).toBe(204);
    expect(mailer.messages.length).toBe(before);
    const notes = await (await resident.get('/api/notifications')).json();
    expect(
      notes.filter((n: { kind: string; ideaId: number }) => n.kind === 'content_hidden' && n.ideaId === own.id),
    ).toHaveLength(2);
  });
});

describe("mails in the person's language", () => {
  it('writes to a visitor in the language the idea was submitted in, stage names included', async () => {
    const res = await visitorPost(
      server.url,
      '/api/ideas',
      idea({ title: 'Badstrand i Gammelstadsviken', contactEmail: 'besokare@mail.test', language: 'sv' }),
    );
    expect(res.status).toBe(201);
    const { id, trackingCode } = await res.json();
    const [code] = mailsTo('besokare@mail.test');
    expect(code.subject).toBe(`Spårningskoden för din idé är ${trackingCode} – Staden på kartan`);
    expect(code.text).toContain('Tack för din idé "Badstrand i Gammelstadsviken"');
    expect(code.text).toContain(`${PUBLIC_URL}/ideas/${id}`);
    expect(code.text).not.toMatch(/Kiitos|Thank you/);

    const official = new TestAgent(
      server.url,
      await createTestSession(
        db.knex,
        await createTestAccount(db.knex, { roles: ['official'], departments: ['kymp'], displayName: 'Kaija Kymp' }),
      ),
    );
    const moved = await official.post(`/api/ideas/${id}/stage`, { to: 'connected', reason: 'Idrottstjänsterna är med' });
    expect(moved.status).toBe(200);
    const stage = mailsTo('besokare@mail.test')[1];
    expect(stage.text).toContain(`Idén ${trackingCode} har gått vidare till skedet "Kopplad"`);
    expect(stage.text).not.toContain('connected');

    expect((await moderator.post(`/api/moderation/ideas/${id}/hide`, { reason: 'Telefonnummer' })).status).toBe(204);
    const hidden = mailsTo('besokare@mail.test')[2];
    expect(hidden.subject).toBe(`Din idé ${trackingCode} har dolts – Staden på kartan`);
    expect(hidden.text).toContain('Orsak: Telefonnummer');
  });

  it('writes to an account in the language stored with it, which the person sets', async () => {
    const email = 'reader@mail.test';
    const reader = new TestAgent(server.url, await createTestSession(db.knex, await createTestAccount(db.knex, { email })));
    expect((await reader.request('PUT', '/api/auth/language', { language: 'en' })).status).toBe(204);
    expect((await (await reader.get('/api/auth/me')).json()).user.language).toBe('en');
    const bad = await reader.request('PUT', '/api/auth/language', { language: 'de' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0]).toMatchObject({ path: ['language'], code: 'invalid_value' });

    const { id } = await (await visitorPost(server.url, '/api/ideas', idea({ contactEmail: 'fi@mail.test' }))).json();
    expect((await reader.request('PUT', `/api/ideas/${id}/follow`)).status).toBeLessThan(300);
    const official = new TestAgent(
      server.url,
      await createTestSession(
        db.knex,
        await createTestAccount(db.knex, { roles: ['official'], departments: ['kymp'], displayName: 'Kalle Kymp' }),
      ),
    );
    expect((await official.post(`/api/ideas/${id}/stage`, { to: 'connected', reason: 'Mukana' })).status).toBe(200);
    expect(mailsTo(email).at(-1)!.text).toContain('moved to the stage "Connected"');
    expect(mailsTo('fi@mail.test').at(-1)!.text).toContain('siirtyi vaiheeseen "Yhdistetty"');
  });

  it('sends the sign-up verification in the language signed up in', async () => {
    const res = await visitorPost(server.url, '/api/auth/signup', {
      email: 'ny@mail.test',
      password: 'ett långt lösenord',
      language: 'sv',
    });
    expect(res.status).toBe(202);
    expect(mailsTo('ny@mail.test')[0].subject).toBe('Bekräfta din e-postadress – Staden på kartan');
  });
});
