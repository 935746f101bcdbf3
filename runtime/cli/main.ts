import { readFileSync } from 'node:fs';
import { planCommand } from './plan.js';
import { statusCommand } from './status.js';
import { synthCommand } from './synth.js';
import { validateCommand } from './validate.js';
import { runCommand } from './run.js';
import { precheckCommand } from './precheck.js';
import { verifyCommand } from './verify.js';
import { consoleCommand } from './console.js';

const HELP = `dts — Data Transmission Service as code

Usage: dts <command> [options]

Commands:
  synth       synthesize cdk.tf.json and dts.manifest.json from a cdktf app
  validate    validate a manifest against schemas/manifest.schema.json
  plan        show what a manifest change does to running tasks
  precheck    run the live prechecks of a task
  run         run the tasks of a manifest with the bundled engine
  status      show task status, latency, speed and progress
  console     serve the web console of a state dir (dts run serves its own)
  verify      compare source and destination data

Options:
  --help      show this help
  --version   print the version
`;

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (error) {
    // Expected failures (bad manifest, missing secret, unknown task) are one clear line, not a stack.
    process.stderr.write(`dts ${argv[0] ?? ''}: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.DTS_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return 1;
  }
}

async function dispatch(argv: string[]): Promise<number> {
  const [command] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  if (command === 'synth') return synthCommand(argv.slice(1));
  if (command === 'validate') return validateCommand(argv.slice(1));
  if (command === 'run') return runCommand(argv.slice(1));
  if (command === 'precheck') return precheckCommand(argv.slice(1));
  if (command === 'plan') return planCommand(argv.slice(1));
  if (command === 'status') return statusCommand(argv.slice(1));
  if (command === 'verify') return verifyCommand(argv.slice(1));
  if (command === 'console') return consoleCommand(argv.slice(1));
  process.stderr.write(`dts: unknown command "${command}". Run "dts --help" for the list.\n`);
  return 1;
}
