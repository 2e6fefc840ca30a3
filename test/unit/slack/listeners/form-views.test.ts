import { SlackCallError } from '../../../../src/errors';
import { FormViews } from '../../../../src/slack/listeners/form-views';

const answering = (hash: string, seen: (string | undefined)[]) => async (h: string | undefined) => {
  seen.push(h);
  return { hash };
};

describe('FormViews', () => {
  it('passes the hash of our last update, not the older one a payload carries', async () => {
    const forms = new FormViews();
    const seen: (string | undefined)[] = [];
    const first = forms.opened('V1', 'h0');
    expect(await forms.draw(first, answering('h1', seen))).toBe('drawn');
    const next = forms.input('V1', 'h0');
    expect(await forms.draw(next, answering('h2', seen))).toBe('drawn');
    expect(seen).toEqual(['h0', 'h1']);
  });

  it('drops a drawing a newer input overtook', async () => {
    const forms = new FormViews();
    forms.opened('V1', 'h0');
    const older = forms.input('V1', 'h0');
    const newer = forms.input('V1', 'h0');
    const seen: (string | undefined)[] = [];
    expect(await forms.draw(older, answering('h1', seen))).toBe('overtaken');
    expect(await forms.draw(newer, answering('h1', seen))).toBe('drawn');
    expect(seen).toEqual(['h0']);
  });

  it('gives way when the view was closed or drawn by someone else, then trusts the next payload', async () => {
    const forms = new FormViews();
    const ticket = forms.opened('V1', 'h0');
    const conflict = async () => Promise.reject(new SlackCallError('refused', 'hash_conflict', null, 'views.update'));
    expect(await forms.draw(ticket, conflict)).toBe('gone');
    const seen: (string | undefined)[] = [];
    expect(await forms.draw(forms.input('V1', 'hX'), answering('h9', seen))).toBe('drawn');
    expect(seen).toEqual(['hX']);
    // Any other refusal is the caller's to hear.
    const invalid = async () => Promise.reject(new SlackCallError('refused', 'invalid_arguments', null, 'views.update'));
    await expect(forms.draw(forms.input('V1', undefined), invalid)).rejects.toThrow('invalid_arguments');
  });

  it('remembers a bounded number of forms, forgetting the least recently used', async () => {
    const forms = new FormViews(2);
    const a = forms.opened('VA', 'a0');
    forms.opened('VB', 'b0');
    forms.input('VA', 'a0'); // VA used again: VB is now the oldest
    forms.opened('VC', 'c0');
    const seen: (string | undefined)[] = [];
    // VB was forgotten: its next input starts afresh from the payload's hash.
    expect(await forms.draw(forms.input('VB', 'bX'), answering('b1', seen))).toBe('drawn');
    expect(seen).toEqual(['bX']);
    expect(await forms.draw(a, answering('a1', seen))).toBe('overtaken');
  });
});
