import Form from '@rjsf/mantine';
import type { RJSFSchema, WidgetProps } from '@rjsf/utils';
import { memo, useMemo } from 'react';
import type { NodeTypeInfo } from '../model/definition';
import { paramsUiSchema } from '../model/params-ui-schema';
import { ExpressionInput } from '../expressions/expression-input';
import { schemaValidator } from './schema-validator';

interface ParamsFormContext {
  sample?: unknown;
}

function ExpressionWidget({ id, label, value, onChange, schema, registry, options }: WidgetProps) {
  const { sample } = (registry.formContext ?? {}) as ParamsFormContext;
  return (
    <div id={id}>
      <ExpressionInput
        template={options.template === true}
        label={label || id.replace(/^root_/, '').replace(/_/g, '.')}
        value={typeof value === 'string' ? value : ''}
        onChange={(next) => onChange(next === '' ? undefined : next)}
        description={schema.description}
        sample={sample}
      />
    </div>
  );
}

const WIDGETS = { jsonata: ExpressionWidget };

export interface ParamsFormProps {
  nodeType: NodeTypeInfo;
  params: Record<string, unknown>;
  onChange(params: Record<string, unknown>): void;
  /** The expression context of the run the user picked, for live previews. */
  sample?: unknown;
}

/** The node's params as a form generated from its type's paramsSchema (rjsf, Mantine theme). */
export const ParamsForm = memo(function ParamsForm({ nodeType, params, onChange, sample }: ParamsFormProps) {
  const schema = nodeType.paramsSchema as RJSFSchema;
  const uiSchema = useMemo(() => paramsUiSchema(nodeType.type, nodeType.paramsSchema), [nodeType]);
  const formContext = useMemo<ParamsFormContext>(() => ({ sample }), [sample]);
  if (!schema.properties || Object.keys(schema.properties).length === 0) return null;
  return (
    <Form
      schema={schema}
      uiSchema={uiSchema}
      formData={params}
      validator={schemaValidator}
      widgets={WIDGETS}
      formContext={formContext}
      onChange={(event) => {
        const next = (event.formData ?? {}) as Record<string, unknown>;
        // rjsf also reports changes that change nothing (a re-render): no undo step, no "unsaved".
        if (JSON.stringify(next) !== JSON.stringify(params)) onChange(next);
      }}
      noHtml5Validate
      showErrorList={false}
      idPrefix={`params-${nodeType.type.replace(/\W/g, '-')}`}
    />
  );
});
