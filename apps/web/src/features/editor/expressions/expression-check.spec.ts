import { describe, expect, it } from '@jest/globals';
import { checkExpression, checkTemplate } from './expression-check';

describe('checkExpression', () => {
  it('accepts valid expressions and leaves empty text to the form', () => {
    expect(checkExpression('trigger.body.name & "!"')).toBeNull();
    expect(checkExpression('nodes.fetch.items[0]')).toBeNull();
    expect(checkExpression('trigger')).toBeNull();
    expect(checkExpression('   ')).toBeNull();
  });

  it('places a syntax error, as the API words it', () => {
    expect(checkExpression('trigger.body.name &')).toEqual({
      message: 'Unexpected end of expression at position 19 (the end of the expression)',
      position: 19,
    });
    expect(checkExpression('trigger.body.(')?.message).toMatch(/at position \d+/);
  });

  it('suggests quotes for plain text', () => {
    expect(checkExpression('hello there')?.message).toMatch(
      /near 'there'; to use it as text, write a string literal in quotes: "hello there"/,
    );
    expect(checkExpression('hello')?.message).toMatch(/^"hello" is a path that matches nothing/);
    expect(checkExpression('true')).toBeNull();
  });
});

describe('checkTemplate', () => {
  it('checks each placeholder and positions the problem in the whole text', () => {
    expect(checkTemplate('https://example.com/{{ trigger.body.id }}')).toBeNull();
    expect(checkTemplate('no placeholders')).toBeNull();
    const problem = checkTemplate('id={{ trigger.body.( }}');
    expect(problem?.message).toMatch(/^In \{\{ trigger\.body\.\( \}\}: /);
    expect(problem?.position).toBeGreaterThan(6);
    expect(checkTemplate('x {{ }}')?.message).toMatch(/empty/);
  });
});
