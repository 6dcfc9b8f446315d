import { generateSecrets } from '../../libs/config/src/secrets-generator';
import { validateEnvironment } from '../../libs/config/src/validate-environment';
import { knownVariables } from './support/config-variables';
import { byKeyword, readStages } from './support/dockerfile';
import { healthRoutes } from './support/health-routes';
import { BUILT_IN_MODELS, CUSTOM_KINDS } from './support/kubernetes-models';
import { findManifest, K8S_DIR, loadManifests, readYamlDocs, yamlFiles } from './support/manifests';
import { runPromtool } from './support/promtool';
import { unknownFields } from './support/unknown-fields';
import { PodSpec, selects, workloads } from './support/workloads';

const NAMESPACE = 'workflow-platform';
const all = loadManifests();
const typeKey = (doc: { apiVersion: string; kind: string }) => `${doc.apiVersion}/${doc.kind}`;
const configMap = findManifest(all, 'ConfigMap', 'workflow-platform-config');
const secret = findManifest(all, 'Secret', 'workflow-platform-secrets');
const settings = configMap.data as Record<string, string>;
const pods = workloads(all);
const deployments = pods.filter((w) => w.kind === 'Deployment');
const containers = pods.flatMap((workload) => (workload.pod.containers as PodSpec[]).map((container) => ({ workload, container })));
const known = knownVariables();

describe('deploy/k8s manifests', () => {
  it.each(all.map(({ file, doc }) => [`${file}: ${doc.kind}/${doc.metadata.name}`, doc]))(
    '%s is a valid object of a known kind',
    (_label, doc) => {
      const Model = BUILT_IN_MODELS[typeKey(doc)];
      if (Model) expect(() => new Model(doc as never).validate()).not.toThrow();
      else expect(CUSTOM_KINDS).toContain(typeKey(doc));
    },
  );

  it('uses no field Kubernetes does not know (built-in kinds)', () => {
    expect(unknownFields(all.filter(({ doc }) => BUILT_IN_MODELS[typeKey(doc)]))).toEqual([]);
  });

  it('puts everything in the workflow-platform namespace', () => {
    expect(findManifest(all, 'Namespace', NAMESPACE)).toBeDefined();
    const elsewhere = all.filter(({ doc }) => doc.kind !== 'Namespace' && doc.metadata.namespace !== NAMESPACE);
    expect(elsewhere.map(({ file, doc }) => `${file}: ${doc.kind}/${doc.metadata.name}`)).toEqual([]);
  });

  it('lists every file of the folder in kustomization.yaml, in the namespace', () => {
    const [kustomization] = readYamlDocs(`${K8S_DIR}/kustomization.yaml`) as { namespace: string; resources: string[] }[];
    expect(kustomization.namespace).toBe(NAMESPACE);
    expect([...kustomization.resources].sort()).toEqual(yamlFiles().filter((file) => file !== 'kustomization.yaml'));
  });
});

describe('recommended labels (app.kubernetes.io/*)', () => {
  const [kustomization] = readYamlDocs(`${K8S_DIR}/kustomization.yaml`) as { images: { newTag: string }[] }[];
  const version = kustomization.images[0].newTag;
  const RECOMMENDED = {
    'app.kubernetes.io/name': 'workflow-platform',
    'app.kubernetes.io/instance': 'workflow-platform',
    'app.kubernetes.io/version': version,
    'app.kubernetes.io/part-of': 'workflow-platform',
    'app.kubernetes.io/managed-by': 'kustomize',
  };
  const templates = all.flatMap(({ file, doc }) => {
    const found: [string, Record<string, string> | undefined][] = [];
    if (doc.kind === 'CronJob') found.push([`${file}: ${doc.metadata.name} jobTemplate`, doc.spec.jobTemplate.metadata?.labels]);
    const pod = workloads([{ file, doc }])[0];
    if (pod) found.push([`${file}: ${doc.metadata.name} pod template`, pod.podLabels]);
    return found;
  });

  it.each([...all.map(({ file, doc }) => [`${file}: ${doc.kind}/${doc.metadata.name}`, doc.metadata.labels] as const), ...templates])(
    '%s carries name, instance, version, part-of and managed-by',
    (_label, labels) => {
      expect(labels).toMatchObject(RECOMMENDED);
    },
  );

  it('labels the version the image runs', () => {
    const images = pods.flatMap((w) => (w.pod.containers as PodSpec[]).map((c) => c.image as string));
    expect(new Set(images.map((image) => image.split(':').at(-1)))).toEqual(new Set([version]));
  });

  it('keeps version out of every selector (immutable in Deployments; a release must not orphan pods)', () => {
    const selectors: unknown[] = [];
    const walk = (value: unknown): void => {
      if (!value || typeof value !== 'object') return;
      for (const [key, child] of Object.entries(value)) {
        if (['selector', 'podSelector', 'labelSelector', 'namespaceSelector'].includes(key)) selectors.push(child);
        else walk(child);
      }
    };
    all.forEach(({ doc }) => walk(doc.spec));
    expect(selectors.length).toBeGreaterThan(5);
    expect(selectors.filter((selector) => JSON.stringify(selector).includes('app.kubernetes.io/version'))).toEqual([]);
  });
});

describe('pods', () => {
  const routes = healthRoutes();
  const [uid] = (byKeyword(readStages().at(-1)!, 'USER').at(-1)!.getArgumentsContent() ?? '').split(':');

  it('probes only health routes the app serves, each on its own purpose', () => {
    expect(routes).toEqual(expect.arrayContaining(['/health/live', '/health/ready', '/health/startup']));
    for (const { container } of containers.filter(({ workload }) => workload.kind === 'Deployment')) {
      expect(container.livenessProbe.httpGet.path).toBe('/health/live');
      expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
      expect(container.startupProbe.httpGet.path).toBe('/health/startup');
    }
  });

  it.each(containers.map(({ workload, container }) => [`${workload.name}/${container.name}`, container]))(
    '%s probes its own container port',
    (_label, container) => {
      const ports = (container.ports ?? []) as { name?: string; containerPort: number }[];
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'].map((key) => container[key]).filter(Boolean)) {
        expect(routes).toContain(probe.httpGet.path);
        expect(ports.some((p) => p.name === probe.httpGet.port || p.containerPort === probe.httpGet.port)).toBe(true);
      }
    },
  );

  it.each(pods.map((w) => [`${w.kind}/${w.name}`, w]))('%s runs non-root, read-only, without privileges', (_label, { pod }) => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: Number(uid), seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.automountServiceAccountToken).toBe(false);
    for (const container of pod.containers) {
      expect(container.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      const tmp = container.volumeMounts.find((m: { mountPath: string }) => m.mountPath === '/tmp');
      expect(pod.volumes.find((v: { name: string }) => v.name === tmp?.name)?.emptyDir).toBeDefined();
      expect(container.resources.requests).toEqual(expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }));
      expect(container.resources.limits).toEqual(expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }));
    }
  });

  it.each(pods.map((w) => [`${w.kind}/${w.name}`, w]))('%s takes settings from the ConfigMap and the Secret', (_label, { pod }) => {
    for (const container of pod.containers) {
      expect(container.envFrom).toEqual([
        { configMapRef: { name: configMap.metadata.name } },
        { secretRef: { name: secret.metadata.name } },
      ]);
      for (const { name } of container.env ?? []) expect([name, name === 'NODE_OPTIONS' || known.has(name)]).toEqual([name, true]);
    }
  });

  it('runs api, worker and migrate from the image entrypoint', () => {
    const args = Object.fromEntries(pods.map((w) => [w.name, w.pod.containers[0].args]));
    expect(args).toMatchObject({
      'workflow-platform-api': ['api'],
      'workflow-platform-worker': ['worker'],
      'workflow-platform-migrate': ['cli', 'migrate'],
    });
    expect(new Set(pods.map((w) => w.pod.containers[0].image)).size).toBe(1);
  });

  it.each(deployments.map((w) => [w.name, w]))('%s drains within terminationGracePeriodSeconds', (_name, { pod }) => {
    const [sleep, seconds] = pod.containers[0].lifecycle.preStop.exec.command;
    expect(sleep).toBe('sleep');
    const neededMs = Number(seconds) * 1000 + Number(settings.SHUTDOWN_DRAIN_DELAY_MS) + Number(settings.SHUTDOWN_GRACE_PERIOD_MS);
    expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThanOrEqual(neededMs);
  });
});

describe('configuration', () => {
  it('sets the production process layout', () => {
    expect(settings).toMatchObject({
      NODE_ENV: 'production',
      MIGRATE_ON_START: 'false',
      WORKER_INLINE: 'false',
      SHUTDOWN_DRAIN_DELAY_MS: '5000',
    });
    expect(settings.LOG_LEVEL).toBeDefined();
  });

  it('uses only variables the config classes declare, each in one place', () => {
    // The derivation sees both kinds: settings with a default (PORT) and optional ones without (S3_BUCKET).
    expect([known.has('PORT'), known.has('S3_BUCKET')]).toEqual([true, true]);
    const keys = [...Object.keys(settings), ...Object.keys(secret.stringData)];
    expect(keys.filter((key) => !known.has(key))).toEqual([]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps secrets out of the ConfigMap', () => {
    for (const key of [
      'DATABASE_URL',
      'REDIS_URL',
      'JWT_SECRET',
      'ENCRYPTION_KEY',
      'S3_ACCESS_KEY_ID',
      'S3_SECRET_ACCESS_KEY',
      'SLACK_WEBHOOK_URL',
      'SMTP_PASSWORD',
      'METRICS_TOKEN',
    ]) {
      expect(settings).not.toHaveProperty(key);
      expect(secret.stringData).toHaveProperty(key);
    }
  });

  it('has a Secret template the production rules refuse, and a ConfigMap they accept', () => {
    const refused = new Set(validateEnvironment({ ...settings, ...secret.stringData }).problems.map((p) => p.variable));
    expect([...refused].filter((variable) => !(variable in secret.stringData))).toEqual([]);
    for (const variable of ['DATABASE_URL', 'JWT_SECRET', 'ENCRYPTION_KEY', 'METRICS_TOKEN']) expect(refused).toContain(variable);
  });

  it('starts once the Secret holds real values', () => {
    const real = Object.fromEntries(generateSecrets().map((line) => [line.split('=')[0], line.slice(line.indexOf('=') + 1)]));
    const env = {
      ...settings,
      ...secret.stringData,
      ...real,
      DATABASE_URL: 'postgresql://workflow:Xk9-v2Lq7TzR4mWc@db:5432/wp',
      REDIS_URL: 'redis://redis:6379',
      S3_ACCESS_KEY_ID: '',
      S3_SECRET_ACCESS_KEY: '',
    };
    expect(validateEnvironment(env).problems).toEqual([]);
  });
});

describe('services, scaling and disruption', () => {
  const deployment = (component: string) => deployments.find((w) => w.podLabels['app.kubernetes.io/component'] === component)!;
  const portOf = (component: string, target: string | number) =>
    (deployment(component).pod.containers[0].ports as { name: string; containerPort: number }[]).find(
      (p) => p.name === target || p.containerPort === target,
    )?.containerPort;

  it.each([
    ['workflow-platform-api', 'api', 80, 3000],
    ['workflow-platform-worker', 'worker', 3001, 3001],
  ])('Service %s selects the %s pods, port %d -> %d', (name, component, port, containerPort) => {
    const service = findManifest(all, 'Service', name);
    expect(selects(service.spec.selector, deployment(component).podLabels)).toBe(true);
    const [servicePort] = service.spec.ports;
    expect(servicePort.port).toBe(port);
    expect(portOf(component, servicePort.targetPort)).toBe(containerPort);
  });

  it.each(['api', 'worker'])('scales the %s Deployment on CPU (autoscaling/v2)', (component) => {
    const hpa = findManifest(all, 'HorizontalPodAutoscaler', `workflow-platform-${component}`);
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment(component).name });
    expect(hpa.spec.metrics).toContainEqual({
      type: 'Resource',
      resource: { name: 'cpu', target: expect.objectContaining({ type: 'Utilization' }) },
    });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
  });

  it.each(['api', 'worker'])('keeps %s pods available during node drains', (component) => {
    const pdb = findManifest(all, 'PodDisruptionBudget', `workflow-platform-${component}`);
    expect(selects(pdb.spec.selector.matchLabels, deployment(component).podLabels)).toBe(true);
    expect(pdb.spec.minAvailable).toBeLessThan(
      findManifest(all, 'HorizontalPodAutoscaler', `workflow-platform-${component}`).spec.minReplicas,
    );
  });

  it('scrapes the ports the containers listen on', () => {
    for (const { podAnnotations, pod } of deployments)
      expect(pod.containers[0].ports.map((p: { containerPort: number }) => String(p.containerPort))).toContain(
        podAnnotations['prometheus.io/port'],
      );
  });

  it('lets HTTP reach the api on 3000 and the pods reach DNS, PostgreSQL, Redis and HTTPS', () => {
    const policies = all.filter(({ doc }) => doc.kind === 'NetworkPolicy').map(({ doc }) => doc);
    const apiIngress = policies.filter((p) => p.spec.ingress && selects(p.spec.podSelector.matchLabels ?? {}, deployment('api').podLabels));
    expect(
      apiIngress.flatMap((p) => p.spec.ingress.flatMap((rule: { ports: { port: number }[] }) => rule.ports.map((port) => port.port))),
    ).toContain(3000);
    const egressPorts = policies
      .filter((p) => p.spec.egress && pods.every((w) => selects(p.spec.podSelector.matchLabels ?? {}, w.podLabels)))
      .flatMap((p) => p.spec.egress.flatMap((rule: { ports: { port: number }[] }) => rule.ports.map((port) => port.port)));
    expect(egressPorts).toEqual(expect.arrayContaining([53, 5432, 6379, 443]));
  });
});

describe('backup CronJob', () => {
  const cronJob = findManifest(all, 'CronJob', 'workflow-platform-backup');
  const job = cronJob.spec.jobTemplate.spec;
  const pod = job.template.spec;
  const [container] = pod.containers;

  it('runs `cli backup run` nightly at 02:00, one at a time, bounded in time and retries', () => {
    expect(cronJob.spec).toMatchObject({ schedule: '0 2 * * *', concurrencyPolicy: 'Forbid' });
    expect(job).toMatchObject({ backoffLimit: 2, activeDeadlineSeconds: 3600 });
    expect(container.args).toEqual(['cli', 'backup', 'run']);
    expect(container.resources).toEqual({ requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '500m', memory: '512Mi' } });
  });

  it('gets the database, S3 and Slack secrets from the Secret', () => {
    expect(container.envFrom).toContainEqual({ secretRef: { name: secret.metadata.name } });
    for (const key of ['DATABASE_URL', 'REDIS_URL', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'SLACK_WEBHOOK_URL'])
      expect(secret.stringData).toHaveProperty(key);
  });

  it('writes to a 50Gi volume mounted at BACKUP_DIR', () => {
    const mount = container.volumeMounts.find((m: { mountPath: string }) => m.mountPath === settings.BACKUP_DIR);
    const volume = pod.volumes.find((v: { name: string }) => v.name === mount?.name);
    const claim = findManifest(all, 'PersistentVolumeClaim', volume.persistentVolumeClaim.claimName);
    expect(claim.spec.resources.requests.storage).toBe('50Gi');
    expect(mount.readOnly).not.toBe(true);
  });

  it('runs as its own service account without API access', () => {
    const account = findManifest(all, 'ServiceAccount', pod.serviceAccountName);
    expect(pod.serviceAccountName).toBe('workflow-platform-backup');
    expect(account.automountServiceAccountToken).toBe(false);
    // Any Role bound to it may at most read named ConfigMaps.
    const bindings = all.filter(
      ({ doc }) => doc.kind === 'RoleBinding' && doc.subjects?.some((s: { name: string }) => s.name === account.metadata.name),
    );
    for (const { doc } of bindings) {
      const role = findManifest(all, 'Role', doc.roleRef.name);
      for (const rule of role.rules)
        expect(rule).toEqual({ apiGroups: [''], resources: ['configmaps'], verbs: ['get'], resourceNames: expect.any(Array) });
    }
    expect(all.some(({ doc }) => doc.kind === 'ClusterRoleBinding')).toBe(false);
  });
});

describe('monitoring', () => {
  const serviceMonitor = findManifest(all, 'ServiceMonitor', 'workflow-platform');
  const rule = findManifest(all, 'PrometheusRule', 'workflow-platform');

  it('has a ServiceMonitor scraping /metrics of the api and worker Services by port name', () => {
    expect(serviceMonitor.apiVersion).toBe('monitoring.coreos.com/v1');
    const services = all.filter(({ doc }) => doc.kind === 'Service').map(({ doc }) => doc);
    const selected = services.filter((s) => selects(serviceMonitor.spec.selector.matchLabels, s.metadata.labels ?? {}));
    expect(selected.map((s) => s.metadata.name).sort()).toEqual(['workflow-platform-api', 'workflow-platform-worker']);
    for (const service of selected) {
      const names = service.spec.ports.map((p: { name: string }) => p.name);
      expect(
        serviceMonitor.spec.endpoints.some((e: { port: string; path: string }) => names.includes(e.port) && e.path === '/metrics'),
      ).toBe(true);
    }
    for (const endpoint of serviceMonitor.spec.endpoints) {
      const credentials = endpoint.authorization?.credentials;
      if (credentials) expect(findManifest(all, 'Secret', credentials.name).stringData).toHaveProperty(credentials.key);
    }
  });

  it('has a PrometheusRule whose groups pass `promtool check rules`', () => {
    expect(rule.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(rule.spec.groups.length).toBeGreaterThan(0);
    const result = runPromtool(['check', 'rules'], { 'rules.yaml': { groups: rule.spec.groups } });
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it('alerts on errors, latency, queue depth, readiness and backups', () => {
    const exprs = rule.spec.groups
      .flatMap((g: { rules: { alert?: string; expr: string }[] }) => g.rules.filter((r) => r.alert).map((r) => r.expr))
      .join('\n');
    for (const needle of [
      'http_requests_total{',
      'status=~"5.."',
      'origin!="workflow"',
      'histogram_quantile(0.95',
      'http_request_duration_seconds_bucket',
      'workflow_queue_jobs{',
      'state="waiting"',
      'kube_pod_status_ready',
      'up{',
      'backup_last_status',
      'backup_runs_total{',
      'status="failed"',
      'time() - max by (namespace) (backup_last_success_timestamp_seconds',
      '26 * 3600',
      'workflow_executions_total{',
      'errors_total{',
      'rate_limit_fallbacks_total{',
      'kube_job_failed{condition="true"}',
      'kube_job_owner{',
    ])
      expect(exprs).toContain(needle);
  });

  it("selects the app's series by the job label the ServiceMonitor gives (the Service names), never by namespace", () => {
    const exprs: string[] = rule.spec.groups.flatMap((g: { rules: { expr: string }[] }) => g.rules.map((r) => r.expr));
    expect(serviceMonitor.spec.jobLabel).toBeUndefined(); // so job = the Service's name
    const services = all
      .filter(({ doc }) => doc.kind === 'Service' && selects(serviceMonitor.spec.selector.matchLabels, doc.metadata.labels ?? {}))
      .map(({ doc }) => doc.metadata.name);
    for (const job of services) expect(job).toMatch(/^workflow-platform-(api|worker)$/);
    expect(exprs.filter((expr) => expr.includes('namespace='))).toEqual([]);
    const appSeries =
      /\b(http_requests_total|http_request_duration_seconds_bucket|workflow_\w+|errors_total|backup_\w+|rate_limit_\w+|up)\{([^}]*)\}/g;
    const selectors = exprs.flatMap((expr) => [...expr.matchAll(appSeries)].map((m) => m[0]));
    expect(selectors.length).toBeGreaterThan(10);
    expect(selectors.filter((selector) => !selector.includes('job=~"workflow-platform-(api|worker)"'))).toEqual([]);
  });
});
