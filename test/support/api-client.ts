// supertest helpers: sign in as a demo account and check problem+json answers.
import request from 'supertest';
import { expect } from 'chai';
import type { Express } from 'express';
import { DEMO_PASSWORD } from './test-db.ts';

export async function loginAs(app: Express, who: 'admin' | 'planner' | 'reviewer' | 'officer' | 'inspector'): Promise<string> {
  const res = await request(app).post('/api/auth/login').send({ email: `${who}@spp.demo`, password: DEMO_PASSWORD });
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body.token as string;
}

/**
 * Asserts a problem+json answer with the status and, when given, an error at the pointer. Every
 * field error must say what is wrong in English and in Vietnamese (message_vi, with its diacritics).
 */
export function expectProblem(res: request.Response, status: number, pointer?: string): void {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
  const body = JSON.parse(res.text) as { type: string; title: string; status: number; detail: string; detail_vi: string; code: string; errors?: { path: string; message: string; message_vi: string }[] };
  expect(body.status).to.equal(status);
  expect(body.title).to.be.a('string').and.not.empty;
  expect(body.detail).to.be.a('string').and.not.empty;
  // Every problem says what is wrong in Vietnamese too, not a copy of the English.
  expect(body.detail_vi, body.detail).to.be.a('string').and.match(/[^\x00-\x7f]/);
  expect(body.detail_vi).to.not.equal(body.detail);
  expect(body.code).to.be.a('string').and.not.empty;
  expect(body.type).to.be.a('string');
  for (const e of body.errors ?? []) {
    expect(e.message, JSON.stringify(e)).to.be.a('string').and.not.empty;
    expect(e.message_vi, JSON.stringify(e)).to.be.a('string').and.match(/[^\x00-\x7f]/);
  }
  if (pointer !== undefined) expect(body.errors?.map((e) => e.path)).to.include(pointer);
}
