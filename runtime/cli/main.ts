import { readFileSync } from 'node:fs';

/** Each command's module, imported when it runs: `dts run` starts without the others' dependencies. */
const COMMANDS: Readonly<Record<string, () => Promise<(argv: string[]) => Promise<number>>>> = {
  synth: async () => (await import('./synth.js')).synthCommand,
  validate: async () => (await import('./validate.js')).validateCommand,
  plan: async () => (await import('./plan.js')).planCommand,
  precheck: async () => (await import('./precheck.js')).precheckCommand,
  run: async () => (await import('./run.js')).runCommand,
  status: async () => (await import('./status.js')).statusCommand,
  console: async () => (await import('./console.js')).consoleCommand,
  verify: async () => (await import('./verify.js')).verifyCommand,
};

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
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (load) return (await load())(argv.slice(1));
  process.stderr.write(`dts: unknown command "${command}". Run "dts --help" for the list.\n`);
  return 1;
}
