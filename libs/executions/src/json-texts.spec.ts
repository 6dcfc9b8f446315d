import { jsonbText } from './jsonb-text';
import { JsonTexts } from './json-texts';

const trigger = {
  body: { a: 1, b: 'x\u0000y', lone: '\ud800', pair: '😀', when: new Date('2026-12-06T01:02:03.004Z') },
  headers: { 'content-type': 'application/json' },
  query: {},
  method: 'POST',
  path: 'echo',
};

describe('JsonTexts', () => {
  it('gives the text jsonbText gives, for step inputs composed from shared parts and for any other value', () => {
    const texts = new JsonTexts();
    const inputs: unknown[] = [
      { nodes: { hook: trigger, sum: { total: 3 } }, trigger },
      { nodes: { sum: { total: 3 }, gone: undefined, nothing: null, list: [1, undefined, 'a'] } },
      { trigger, nodes: {} },
      { nodes: { 'odd "id"': 1 }, trigger: undefined },
      { nodes: 'not an object' },
      { nodes: {}, other: 1 },
      { nodes: { a: 1, toJSON: () => 'own' } },
      [trigger, trigger],
      trigger,
      'text\u0000',
      42,
      true,
      null,
      undefined,
    ];
    for (const input of inputs) {
      expect(texts.ofStepInput(input)).toBe(jsonbText(input));
      expect(texts.of(input)).toBe(jsonbText(input));
    }
  });

  it('serializes an object once however often it is stored', () => {
    const texts = new JsonTexts();
    const stringify = jest.spyOn(JSON, 'stringify');
    texts.of(trigger);
    texts.ofStepInput({ nodes: { hook: trigger }, trigger });
    texts.of(trigger);
    expect(stringify.mock.calls.filter(([value]) => value === trigger)).toHaveLength(1);
    stringify.mockRestore();
  });
});
