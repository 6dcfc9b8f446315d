import { BadRequestException } from '@nestjs/common';

/** One thing wrong with a definition, placed on the node or edge it concerns so an editor can show it there. */
export interface DefinitionProblem {
  nodeId?: string;
  edge?: { from: string; to: string };
  /** Where in the node, e.g. "params.url" or "params.fields.total". */
  path?: string;
  message: string;
}

/** The problems as one line each, in the wording the API has always answered with (`message`). */
export function problemText(problem: DefinitionProblem): string {
  if (problem.nodeId !== undefined) return `node "${problem.nodeId}": ${problem.message}`;
  if (problem.edge) return `edge ${problem.edge.from} -> ${problem.edge.to}: ${problem.message}`;
  return `definition: ${problem.message}`;
}

/**
 * Structured problems plus their one-line texts. Usually one text per problem; a problem spanning
 * several places (a cycle) keeps one text while each edge gets its own structured item.
 */
export class ProblemList {
  readonly items: DefinitionProblem[] = [];
  readonly texts: string[] = [];

  add(problem: DefinitionProblem): void {
    this.items.push(problem);
    this.texts.push(problemText(problem));
  }

  addSpanning(text: string, problems: DefinitionProblem[]): void {
    this.items.push(...problems);
    this.texts.push(text);
  }

  get length(): number {
    return this.texts.length;
  }
}

/** The dotted path of the first string in params that contains the source (where an expression lives). */
export function pathOfSource(params: unknown, source: string, path = 'params'): string | undefined {
  if (typeof params === 'string') return params.includes(source) ? path : undefined;
  if (Array.isArray(params)) {
    for (const [i, item] of params.entries()) {
      const found = pathOfSource(item, source, `${path}.${i}`);
      if (found) return found;
    }
  } else if (params && typeof params === 'object') {
    for (const [key, value] of Object.entries(params)) {
      const found = pathOfSource(value, source, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/** The 400 for a definition with problems: `message` lists them as text, `problems` places them. */
export function invalidDefinition(problems: ProblemList): BadRequestException {
  return new BadRequestException({ message: problems.texts, error: 'Invalid workflow definition', problems: problems.items });
}
