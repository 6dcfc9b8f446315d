import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
/** The only global module: the validated configuration every lib reads (see its comment). */
const GLOBAL_CONFIG_MODULE = join('libs', 'config', 'src', 'config.module.ts');
const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as T;

const libFolders = readdirSync(join(ROOT, 'libs'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

interface NestCli {
  projects: Record<string, { type: string; root: string; sourceRoot: string; entryFile: string }>;
}

/** The monorepo's three maps of libs (Nest CLI, TypeScript paths, Jest) agree with libs/ itself. */
describe('workspace layout', () => {
  it('nest-cli.json lists exactly the libs/* folders, each with an index', () => {
    const { projects } = readJson<NestCli>('nest-cli.json');
    const libraries = Object.entries(projects).filter(([, project]) => project.type === 'library');
    expect(libraries.map(([name]) => name).sort()).toEqual(libFolders);
    for (const [name, project] of libraries) {
      expect(project).toMatchObject({ root: `libs/${name}`, sourceRoot: `libs/${name}/src`, entryFile: 'index' });
      expect(existsSync(join(ROOT, project.sourceRoot, 'index.ts'))).toBe(true);
    }
  });

  it('tsconfig paths name exactly the libs/* folders and resolve to their src', () => {
    const { compilerOptions } = readJson<{ compilerOptions: { paths: Record<string, string[]> } }>('tsconfig.json');
    const paths = Object.entries(compilerOptions.paths);
    expect(paths.map(([alias]) => alias).sort()).toEqual(libFolders.map((lib) => `@app/${lib}`));
    for (const [alias, [target]] of paths) {
      expect(target).toBe(`libs/${alias.slice('@app/'.length)}/src`);
      expect(existsSync(join(ROOT, target, 'index.ts'))).toBe(true);
    }
  });

  it("jest's moduleNameMapper sends every @app alias to that lib's src", async () => {
    const config = (await import(join(ROOT, 'jest.config.js'))) as { projects: { moduleNameMapper: Record<string, string> }[] };
    for (const { moduleNameMapper } of config.projects) {
      const mapped = (alias: string) => {
        const entry = Object.entries(moduleNameMapper).find(([pattern]) => new RegExp(pattern).test(alias));
        return entry && alias.replace(new RegExp(entry[0]), entry[1]);
      };
      for (const lib of libFolders) expect(mapped(`@app/${lib}`)).toBe(`<rootDir>/libs/${lib}/src`);
      for (const target of Object.values(moduleNameMapper).filter((t) => !t.includes('$')))
        expect(existsSync(target.replace('<rootDir>', ROOT))).toBe(true);
    }
  });

  it.each(libFolders)('libs/%s/src/index.ts uses named exports only (no export *)', (lib) => {
    const index = readFileSync(join(ROOT, 'libs', lib, 'src', 'index.ts'), 'utf8');
    expect(index.split('\n').filter((line) => /^\s*export\s*\*/.test(line))).toEqual([]);
  });

  it.each(libFolders)('libs/%s declares no global module (each module imports what it uses)', (lib) => {
    const src = join(ROOT, 'libs', lib, 'src');
    const globalModules = (readdirSync(src, { recursive: true }) as string[])
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
      .map((file) => join('libs', lib, 'src', file))
      .filter((file) => file !== GLOBAL_CONFIG_MODULE && /@Global\(|\bglobal:\s*true\b/.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(globalModules).toEqual([]);
  });
});
