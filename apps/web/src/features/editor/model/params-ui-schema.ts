type Schema = {
  type?: string | string[];
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  default?: unknown;
};
type UiSchema = { [key: string]: unknown };

/** Expression fields whose schema does not say so in its description. */
const KNOWN_EXPRESSIONS: Record<string, string[]> = {
  'data.transform': ['expression'],
  'logic.if': ['condition'],
  'data.set': ['fields'],
};
/** Text fields with {{ expr }} placeholders (checked and previewed as templates). */
const KNOWN_TEMPLATES: Record<string, string[]> = {
  'flow.fail': ['message'],
  'http.request': ['url', 'headers'],
};

const mentionsJsonata = (schema: Schema) => /JSONata/.test(schema.description ?? '') && !/not JSONata/i.test(schema.description ?? '');
const isString = (schema: Schema) => schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string'));

/**
 * The rjsf uiSchema of a node type's params: JSONata string fields (found by their description or
 * known per type) get the expression widget, wherever they sit (properties, array items, maps).
 */
export function paramsUiSchema(nodeType: string, paramsSchema: object): UiSchema {
  const schema = paramsSchema as Schema;
  const ui: UiSchema = { 'ui:submitButtonOptions': { norender: true } };
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const kind = KNOWN_EXPRESSIONS[nodeType]?.includes(key) ? 'expression' : KNOWN_TEMPLATES[nodeType]?.includes(key) ? 'template' : null;
    const childUi = uiFor(child, kind);
    if (Object.keys(childUi).length) ui[key] = childUi;
  }
  return ui;
}

type Kind = 'expression' | 'template' | null;

function uiFor(schema: Schema, inheritedKind: Kind): UiSchema {
  const kind = inheritedKind ?? (mentionsJsonata(schema) ? 'expression' : null);
  if (isString(schema)) return kind ? { 'ui:widget': 'jsonata', 'ui:options': { template: kind === 'template' } } : {};
  const ui: UiSchema = {};
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const childUi = uiFor(child, kind);
    if (Object.keys(childUi).length) ui[key] = childUi;
  }
  if (schema.items) {
    const itemsUi = uiFor(schema.items, kind);
    if (Object.keys(itemsUi).length) ui.items = itemsUi;
  }
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    const mapUi = uiFor(schema.additionalProperties, kind);
    if (Object.keys(mapUi).length) ui.additionalProperties = mapUi;
  }
  return ui;
}

/** The params a new node starts with: the top-level defaults of its schema. */
export function defaultParams(paramsSchema: object): Record<string, unknown> {
  const schema = paramsSchema as Schema;
  return Object.fromEntries(
    Object.entries(schema.properties ?? {})
      .filter(([, s]) => s.default !== undefined)
      .map(([key, s]) => [key, s.default]),
  );
}
