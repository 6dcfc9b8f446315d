import { describe, expect, it } from '@jest/globals';
import { previewExpression, previewTemplate, PREVIEW_MAX_CHARS } from './expression-preview';
import { emptyTrigger, ExpressionScope } from './expression-scope';

const scope: ExpressionScope = {
  trigger: emptyTrigger({ name: 'Ada', items: [{ price: 2 }, { price: 3 }] }),
  nodes: { hook: emptyTrigger({ name: 'Ada' }), total: { sum: 5 } },
};

describe('previewExpression', () => {
  it('evaluates against { trigger, nodes }, like a run', async () => {
    expect(await previewExpression('"Hi " & trigger.body.name', scope)).toEqual({ state: 'value', value: 'Hi Ada', text: '"Hi Ada"' });
    expect(await previewExpression('$sum(trigger.body.items.price) + nodes.total.sum', scope)).toMatchObject({ value: 10 });
    expect(await previewExpression('$.nodes.hook.body.name', scope)).toMatchObject({ value: 'Ada' });
  });

  it('has no bindings beyond the document', async () => {
    expect(await previewExpression('$env', scope)).toMatchObject({ state: 'value', value: undefined, text: 'undefined (nothing matched)' });
    expect(await previewExpression('$nodes', scope)).toMatchObject({ value: undefined });
  });

  it('reports evaluation errors', async () => {
    expect(await previewExpression('trigger.body.name + 1', scope)).toMatchObject({
      state: 'error',
      message: expect.stringMatching(/number/),
    });
  });

  it('turns a lambda into undefined, as a stored output would be', async () => {
    expect(await previewExpression('function($x) { $x }', scope)).toMatchObject({ state: 'value', value: undefined });
  });

  it('gives up on a runaway expression instead of hanging', async () => {
    const started = Date.now();
    const preview = await previewExpression('($f := function($x) { $f($x + 1) }; $f(0))', scope, 200);
    expect(preview).toEqual({ state: 'timeout', afterMs: 200 });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('clips a huge result', async () => {
    const preview = await previewExpression('[1..5000]', scope);
    expect(preview.state === 'value' && preview.text.length).toBeLessThan(PREVIEW_MAX_CHARS + 100);
  });
});

describe('previewTemplate', () => {
  it('renders placeholders like the engine: text as is, nothing for no match, JSON otherwise', async () => {
    expect(await previewTemplate('Hi {{ trigger.body.name }}{{ nodes.none }}: {{ nodes.total }}', scope)).toMatchObject({
      state: 'value',
      value: 'Hi Ada: {"sum":5}',
    });
  });
});
