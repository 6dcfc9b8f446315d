import { readFileSync } from 'node:fs';
import { Copy, DockerfileParser, Instruction } from 'dockerfile-ast';
import { repoPath } from './paths';

export interface Stage {
  name: string;
  /** The FROM image with the global ARG defaults substituted (`${NODE_IMAGE}` -> node:20-...). */
  base: string;
  instructions: Instruction[];
}

/** The Dockerfile's build stages in order, each with its own instructions (FROM included). */
export function readStages(path = repoPath('Dockerfile')): Stage[] {
  const dockerfile = DockerfileParser.parse(readFileSync(path, 'utf8'));
  const args = new Map(dockerfile.getInitialARGs().map((arg) => [arg.getProperty()!.getName(), arg.getProperty()!.getValue() ?? '']));
  const substitute = (text: string) => text.replace(/\$\{?(\w+)\}?/g, (whole, name: string) => args.get(name) ?? whole);
  const stages: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const from = dockerfile.getFROMs().find((f) => f.getRange().start.line === instruction.getRange().start.line)!;
      stages.push({ name: from.getBuildStage() ?? String(stages.length), base: substitute(from.getImage() ?? ''), instructions: [] });
    }
    stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

export const byKeyword = (stage: Stage, keyword: string): Instruction[] => stage.instructions.filter((i) => i.getKeyword() === keyword);

/** Text of every RUN of a stage, line continuations joined. */
export const runCommands = (stage: Stage): string[] => byKeyword(stage, 'RUN').map((i) => i.getArgumentsContent() ?? '');

export interface CopyStep {
  /** The stage named by --from, or null for the build context. */
  from: string | null;
  sources: string[];
  target: string;
}

export function copySteps(stage: Stage): CopyStep[] {
  return byKeyword(stage, 'COPY').map((instruction) => {
    const values = instruction.getArguments().map((a) => a.getValue());
    return { from: (instruction as Copy).getFromFlag()?.getValue() ?? null, sources: values.slice(0, -1), target: values.at(-1)! };
  });
}

/** `["a", "b"]` exec-form arguments of ENTRYPOINT/CMD (after HEALTHCHECK's `CMD` too). */
export function execForm(instruction: Instruction): string[] {
  const content = (instruction.getArgumentsContent() ?? '').replace(/^CMD\s+/, '');
  return JSON.parse(content) as string[];
}
