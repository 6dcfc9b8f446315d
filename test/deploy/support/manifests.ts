import { readdirSync, readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { repoPath } from './paths';

export const K8S_DIR = repoPath('deploy', 'k8s');

// Loose on purpose: the tests read whatever the YAML holds and assert on it.
export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [key: string]: any;
};

export interface LoadedManifest {
  file: string;
  doc: Manifest;
}

export const yamlFiles = (): string[] =>
  readdirSync(K8S_DIR)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();

export function readYamlDocs(path: string): unknown[] {
  const docs = parseAllDocuments(readFileSync(path, 'utf8'));
  for (const doc of docs) if (doc.errors.length) throw new Error(`${path}: ${doc.errors.map((e) => e.message).join('; ')}`);
  return docs.map((doc) => doc.toJS()).filter((value) => value !== null && value !== undefined);
}

/** Every Kubernetes object under deploy/k8s (multi-document files included), kustomization aside. */
export function loadManifests(): LoadedManifest[] {
  return yamlFiles()
    .filter((file) => file !== 'kustomization.yaml')
    .flatMap((file) => readYamlDocs(`${K8S_DIR}/${file}`).map((doc) => ({ file, doc: doc as Manifest })));
}

export function findManifest(all: LoadedManifest[], kind: string, name: string): Manifest {
  const found = all.find(({ doc }) => doc.kind === kind && doc.metadata.name === name);
  if (!found) throw new Error(`no ${kind} named ${name} under deploy/k8s`);
  return found.doc;
}
