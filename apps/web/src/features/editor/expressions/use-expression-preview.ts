import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { previewExpression, previewTemplate, type Preview } from './expression-preview';
import { emptyTrigger, type ExpressionScope } from './expression-scope';

/** Typing pauses this long before a preview is evaluated. */
const PREVIEW_DEBOUNCE_MS = 250;
const EMPTY_SCOPE: ExpressionScope = { trigger: emptyTrigger(), nodes: {} };

export type PreviewState = Preview | { state: 'idle' } | { state: 'evaluating' };

/**
 * The debounced preview of a field's text against a sample scope (an empty run's scope without one).
 * Nothing is evaluated while the text has a syntax problem; a result that arrives after the text
 * changed again is dropped, and the last preview stays up while the user types.
 */
export function useExpressionPreview(source: string, sample: unknown, template: boolean, valid: boolean): PreviewState {
  const [debounced] = useDebouncedValue(source, PREVIEW_DEBOUNCE_MS);
  const [preview, setPreview] = useState<PreviewState>({ state: 'idle' });
  useEffect(() => {
    if (debounced !== source) return; // still typing: keep the last preview until the text settles
    if (!valid || !debounced.trim()) {
      setPreview({ state: 'idle' });
      return;
    }
    let current = true;
    setPreview({ state: 'evaluating' });
    const scope = (sample ?? EMPTY_SCOPE) as ExpressionScope;
    void (template ? previewTemplate(debounced, scope) : previewExpression(debounced, scope)).then((result) => {
      if (current) setPreview(result);
    });
    return () => {
      current = false;
    };
  }, [debounced, source, sample, template, valid]);
  return preview;
}
