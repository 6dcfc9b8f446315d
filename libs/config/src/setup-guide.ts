import { ConfigProblem } from './config-problem';

/** The text printed when the environment is refused: every problem with its fix, no stack trace. */
export function formatSetupGuide(problems: ConfigProblem[], nodeEnv = process.env.NODE_ENV ?? 'development'): string {
  const lines = [
    `Configuration refused (NODE_ENV=${nodeEnv}): ${problems.length} problem${problems.length === 1 ? '' : 's'}.`,
    '',
    ...problems.flatMap((p, i) => [`${i + 1}. ${p.variable} ${p.problem}`, `   fix: ${p.fix}`]),
    '',
    'Every setting is listed in .env.example and in the README (Configuration).',
    'Fresh secrets: npm run cli -- config secrets',
  ];
  return lines.join('\n');
}

export function formatConfigOk(nodeEnv: string): string {
  return `Configuration OK (NODE_ENV=${nodeEnv}).`;
}
