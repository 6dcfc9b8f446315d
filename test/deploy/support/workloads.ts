import { LoadedManifest, Manifest } from './manifests';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PodSpec = Record<string, any>;

export interface Workload {
  kind: string;
  name: string;
  /** Labels of the pods it creates. */
  podLabels: Record<string, string>;
  podAnnotations: Record<string, string>;
  pod: PodSpec;
}

/** The pod template of every Deployment, Job and CronJob. */
export function workloads(all: LoadedManifest[]): Workload[] {
  return all.flatMap(({ doc }) => {
    const template = podTemplate(doc);
    if (!template) return [];
    return [
      {
        kind: doc.kind,
        name: doc.metadata.name,
        podLabels: template.metadata?.labels ?? {},
        podAnnotations: template.metadata?.annotations ?? {},
        pod: template.spec,
      },
    ];
  });
}

function podTemplate(doc: Manifest) {
  if (doc.kind === 'Deployment' || doc.kind === 'Job') return doc.spec.template;
  if (doc.kind === 'CronJob') return doc.spec.jobTemplate.spec.template;
  return undefined;
}

/** Whether a label selector's matchLabels pick pods with these labels. */
export const selects = (matchLabels: Record<string, string>, labels: Record<string, string>): boolean =>
  Object.keys(matchLabels).length > 0 && Object.entries(matchLabels).every(([key, value]) => labels[key] === value);
