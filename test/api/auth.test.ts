import request from 'supertest';
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../support/test-server.ts';
import { expectProblem, loginAs } from '../support/api-client.ts';
import { DEMO_PASSWORD } from '../support/test-db.ts';

describe('auth: demo accounts, sessions, roles, audit', function () {
  let t: TestApp;
  before(async function () {
    t = await startTestApp();
  });
  after(async () => t?.close());

  it('has the five demo accounts with their roles', async () => {
    const rows = await t.db.knex('users').select('email', 'roles').orderBy('email');
    expect(rows.map((r) => `${r.email}:${r.roles.join('+')}`)).to.deep.equal([
      'admin@spp.demo:admin',
      'inspector@spp.demo:inspector',
      'officer@spp.demo:permit_officer',
      'planner@spp.demo:planner',
      'reviewer@spp.demo:reviewer',
    ]);
  });

  it('stores scrypt hashes, never the password', async () => {
    const rows = await t.db.knex('users').select('password_hash');
    for (const r of rows) {
      expect(r.password_hash).to.match(/^scrypt\$\d+\$\d+\$\d+\$/);
      expect(r.password_hash).to.not.include(DEMO_PASSWORD);
    }
  });

  it('signs in: sets an httpOnly cookie and returns a token and the user', async () => {
    const res = await request(t.app).post('/api/auth/login').send({ email: 'Planner@SPP.demo', password: DEMO_PASSWORD });
    expect(res.status).to.equal(200);
    expect(res.body.user).to.include({ email: 'planner@spp.demo' });
    expect(res.body.user.roles).to.deep.equal(['planner']);
    expect(res.body.token).to.be.a('string').with.length.greaterThan(30);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).to.match(/spp_session=/).and.match(/HttpOnly/i).and.match(/SameSite=Lax/i);
    // The token is stored only as a keyed hash.
    const stored = await t.db.knex('sessions').select('token_hash');
    expect(stored.map((s) => s.token_hash)).to.not.include(res.body.token);
  });

  it('the token works as a bearer token and as the cookie', async () => {
    const token = await loginAs(t.app, 'reviewer');
    const viaBearer = await request(t.app).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    expect(viaBearer.body.user.email).to.equal('reviewer@spp.demo');
    const viaCookie = await request(t.app).get('/api/auth/me').set('Cookie', `spp_session=${token}`);
    expect(viaCookie.body.user.email).to.equal('reviewer@spp.demo');
  });

  it('refuses a wrong password and an unknown account with the same 401', async () => {
    const wrong = await request(t.app).post('/api/auth/login').send({ email: 'planner@spp.demo', password: 'nope-nope' });
    const unknown = await request(t.app).post('/api/auth/login').send({ email: 'ghost@spp.demo', password: 'nope-nope' });
    expectProblem(wrong, 401);
    expectProblem(unknown, 401);
    expect(JSON.parse(wrong.text).detail).to.equal(JSON.parse(unknown.text).detail);
  });

  it('names each missing field of a login', async () => {
    const res = await request(t.app).post('/api/auth/login').send({ email: 42 });
    expectProblem(res, 400, '/email');
    expect(JSON.parse(res.text).errors.map((e: { path: string }) => e.path)).to.deep.equal(['/email', '/password']);
  });

  it('refuses an invalid bearer token with 401 but treats a stale cookie as signed out', async () => {
    expectProblem(await request(t.app).get('/api/auth/me').set('Authorization', 'Bearer not-a-real-token-0123456789'), 401);
    const res = await request(t.app).get('/api/auth/me').set('Cookie', 'spp_session=not-a-real-token-0123456789');
    expect(res.status).to.equal(200);
    expect(res.body.user).to.equal(null);
  });

  it('logout ends the session', async () => {
    const token = await loginAs(t.app, 'officer');
    const out = await request(t.app).post('/api/auth/logout').set('Authorization', `Bearer ${token}`);
    expect(out.status).to.equal(204);
    expectProblem(await request(t.app).get('/api/auth/me').set('Authorization', `Bearer ${token}`), 401);
  });

  it('an expired session no longer authenticates', async () => {
    const token = await loginAs(t.app, 'inspector');
    await t.db.knex('sessions').update({ expires_at: t.db.knex.raw(`now() - interval '1 second'`), created_at: t.db.knex.raw(`now() - interval '1 day'`) });
    expectProblem(await request(t.app).get('/api/auth/me').set('Authorization', `Bearer ${token}`), 401);
  });

  it('the audit log is for admins only, and records sign-ins', async () => {
    expectProblem(await request(t.app).get('/api/audit'), 401);
    const planner = await loginAs(t.app, 'planner');
    expectProblem(await request(t.app).get('/api/audit').set('Authorization', `Bearer ${planner}`), 403);
    const admin = await loginAs(t.app, 'admin');
    const res = await request(t.app).get('/api/audit?entity=session').set('Authorization', `Bearer ${admin}`);
    expect(res.status).to.equal(200);
    const logins = res.body.items.filter((i: { action: string }) => i.action === 'login');
    expect(logins.length).to.be.at.least(2);
    expect(logins.map((i: { user_email: string }) => i.user_email)).to.include.members(['planner@spp.demo', 'admin@spp.demo']);
  });
});
