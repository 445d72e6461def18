import { describe, expect, it } from 'vitest';
import { IdeaSubmitBody } from '@contracts/ideas';
import { SignupRequest } from '@contracts/auth';
import { ApiError } from '@/api/http';
import { contractErrors, firstInvalid, formErrors, issuesByField, serverFieldErrors } from './form-errors';

const idea = {
  title: 'Penkki puistoon',
  description: 'Lisää penkkejä.',
  themes: ['green'],
  geometry: { type: 'Point', coordinates: [24.94, 60.17] },
};

describe('form errors from the contracts', () => {
  it('finds nothing wrong in a body the route takes', () => {
    expect(contractErrors(IdeaSubmitBody, idea)).toEqual({});
  });

  it('names each field the route would refuse, the same way the server does', () => {
    const errors = contractErrors(IdeaSubmitBody, { ...idea, title: 'ab', themes: [], costEstimateEur: 'lots' });
    expect(Object.keys(errors).sort()).toEqual(['costEstimateEur', 'themes', 'title']);
    expect(errors.title).toBe('title must be at least 3 characters');
    expect(errors.themes).toBe('choose at least one theme');
  });

  it("checks the body's own rules once its fields pass (zod runs refinements last), under the field they name", () => {
    expect(contractErrors(IdeaSubmitBody, { ...idea, geometry: undefined })).toEqual({
      geometry: 'give exactly one of geometry or areaId',
    });
  });

  it('refuses markup in free text before sending', () => {
    expect(contractErrors(SignupRequest, { email: 'a@b.fi', password: 'long enough pw', displayName: '<b>x</b>' })).toEqual({
      displayName: 'displayName must be plain text, not HTML or script',
    });
  });

  it('puts a 400 details on the fields, deep paths on their top-level field', () => {
    const err = new ApiError(400, 'invalid_request', 'title: …; themes.1: …', [
      { path: ['title'], message: 'title must not be empty' },
      { path: ['themes', '1'], message: 'themes are theme slugs' },
      { path: [], message: 'give exactly one of geometry or areaId' },
    ]);
    expect(serverFieldErrors(err)).toEqual({
      title: 'title must not be empty',
      themes: 'themes are theme slugs',
      form: 'give exactly one of geometry or areaId',
    });
  });

  it('takes field messages from a 400 only', () => {
    expect(serverFieldErrors(new ApiError(401, 'invalid_credentials', 'x', [{ path: ['email'], message: 'm' }]))).toEqual({});
    expect(serverFieldErrors(new ApiError(400, 'malformed_json', 'x', null))).toEqual({});
    expect(serverFieldErrors(new Error('offline'))).toEqual({});
  });

  it('joins two messages of one field', () => {
    expect(
      issuesByField([
        { path: ['a'], message: 'x' },
        { path: ['a', 0], message: 'y' },
      ]),
    ).toEqual({ a: 'x; y' });
  });

  it("says the contract's refusal in the form's words where it has them, and adds the form's own checks", () => {
    const shown = formErrors(
      { title: 'title must be at least 3 characters', url: 'url must be a web address' },
      { title: 'Otsikko on liian lyhyt.' },
      {
        confirm: 'Salasanat eivät ole samat.',
      },
    );
    expect(shown).toEqual({
      title: 'Otsikko on liian lyhyt.',
      url: 'url must be a web address',
      confirm: 'Salasanat eivät ole samat.',
    });
  });

  it('focuses the first wrong field in the order the form shows them', () => {
    expect(firstInvalid(['geometry', 'title', 'themes', 'form'], { themes: 'x', title: 'y', form: 'z' })).toBe('title');
    expect(firstInvalid(['geometry', 'title', 'form'], { form: 'z' })).toBe('form');
    expect(firstInvalid(['title'], {})).toBeUndefined();
  });
});
