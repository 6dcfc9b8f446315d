import { BadRequestException, Injectable } from '@nestjs/common';
import { WorkflowDefinition } from '../definition/workflow-definition';
import { NodeTypeRegistry } from '../node-types/node-type.registry';
import { EnginePorts } from '../engine/engine-ports';
import { CredentialReference } from './credentials-port';

/** The credentials a definition's nodes reference, and the save-time owner check on them. */
@Injectable()
export class CredentialReferencesService {
  constructor(
    private readonly registry: NodeTypeRegistry,
    private readonly ports: EnginePorts,
  ) {}

  referencesOf(definition: WorkflowDefinition): CredentialReference[] {
    return (definition.nodes ?? []).flatMap((node) =>
      (this.registry.get(node.type)?.credentialsOf?.(node.params ?? {}) ?? []).map((ref) => ({ ...ref, nodeId: node.id })),
    );
  }

  /** 400 when a node names a credential the user does not own (it is reported as unknown, never as someone else's). */
  async check(userId: string, definition: WorkflowDefinition): Promise<void> {
    const references = this.referencesOf(definition);
    if (!references.length) return;
    const resolver = this.ports.credentials;
    const problems = resolver
      ? await resolver.referenceProblems(userId, references)
      : references.map((r) => `node "${r.nodeId}": credentials are not available in this process`);
    if (problems.length)
      throw new BadRequestException({ message: problems, error: 'Invalid workflow definition', problems: problems.map(placed) });
  }
}

/** The resolver words its problems `node "<id>": ...`: placed on that node for the editor. */
function placed(text: string): { nodeId?: string; message: string } {
  const match = /^node "([^"]*)": (.*)$/s.exec(text);
  return match ? { nodeId: match[1], message: match[2] } : { message: text };
}
