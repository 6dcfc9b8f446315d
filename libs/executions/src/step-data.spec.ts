import { boundedJson, isTruncated } from './step-data';

describe('boundedJson', () => {
  it('keeps values within the limit as their JSON text', () => {
    expect(boundedJson({ a: 'é' }, 256)).toEqual({ text: '{"a":"é"}' });
    expect(boundedJson(null, 256)).toEqual({ text: null });
  });

  it('stores a truncation marker (bytes counted in UTF-8, a bounded preview) for values over it', () => {
    const { text, truncated } = boundedJson({ s: 'é'.repeat(200) }, 256);
    expect(truncated).toEqual({ truncated: true, bytes: 408, preview: '{"s":"' + 'é'.repeat(58) });
    expect(JSON.parse(text!)).toEqual(truncated);
    expect(Buffer.byteLength(text!)).toBeLessThanOrEqual(256);
    expect(isTruncated(truncated)).toBe(true);
  });

  it('never stores a lone surrogate cut by the preview', () => {
    const { text } = boundedJson('😀'.repeat(300), 256);
    expect(text).not.toMatch(/\\ud[89ab]/i);
  });
});
