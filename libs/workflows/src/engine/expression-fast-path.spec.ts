import jsonata from 'jsonata';
import { fastExpression, NOT_SURE } from './expression-fast-path';

const scope = {
  trigger: { body: { a: 1, b: 2.5, id: 'x-1', none: null, text: 'abc', list: [1, 2], nested: { deep: { v: true } } } },
  nodes: { sum: { total: 3, id: 'x-1', tags: ['a'] } },
  input: {},
};

/** What JSONata itself answers (an error as { error: code }). */
async function jsonataAnswer(source: string, data: object): Promise<unknown> {
  try {
    return await jsonata(source).evaluate(data);
  } catch (error) {
    return { error: (error as { code?: string }).code };
  }
}

describe('fastExpression', () => {
  it.each([
    'trigger.body.a + trigger.body.b',
    'trigger.body.a - trigger.body.b * 2',
    'trigger.body.a / 4 % 3',
    'trigger.body.id',
    'trigger.body.nested.deep.v',
    'trigger.body.none',
    'trigger.body.missing',
    'trigger.body.missing.deeper',
    'trigger.body.text.length',
    'trigger.body.a + trigger.body.missing',
    'nodes.sum',
    'nodes',
    '42',
    '"literal"',
  ])('answers %s exactly as JSONata does', async (source) => {
    const fast = fastExpression(jsonata(source).ast());
    expect(fast).toBeDefined();
    expect(fast!(scope)).toEqual(await jsonataAnswer(source, scope));
  });

  it.each([
    'trigger.body.list', // a path over an array maps and flattens: JSONata's rules
    'trigger.body.list.x',
    'trigger.body.text + 1', // a type error
    'trigger.body.missing + trigger.body.text',
    'trigger.body.a / 0', // out of range
    'trigger.body.toString', // inherited, not data
    'trigger.body.constructor',
  ])('leaves %s to JSONata', (source) => {
    expect(fastExpression(jsonata(source).ast())!(scope)).toBe(NOT_SURE);
  });

  it.each([
    '$sum(trigger.body.list)',
    'trigger.body.list[0]',
    '$.trigger',
    'trigger.body.a = 1',
    'trigger.body.a > 0 ? 1 : 2',
    '{ "a": 1 }',
  ])('has no fast form for %s', (source) => {
    expect(fastExpression(jsonata(source).ast())).toBeUndefined();
  });
});
