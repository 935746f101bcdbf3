// `npm run stack -- up | down | status`: the local MariaDB + RocketMQ stack for tests and the demo.
// `npm run stack -- exec -- COMMAND...`: runs COMMAND with the stack's passwords in the environment
// variables the examples read (DTS_SOURCE_PASSWORD, DTS_DEST_PASSWORD, DTS_ROCKETMQ_PASSWORD), so no
// password is typed, exported or printed.
import { spawnSync } from 'node:child_process';
import { ALL_SERVICES, formatStatus, type StackService, stackDown, stackSecretEnv, stackStatus, stackUp } from './index.js';

const usage = 'usage: npm run stack -- up | down | status [mariadb] [rocketmq]   (no service name: all)\n       npm run stack -- exec -- COMMAND [ARGS...]';

function parseServices(names: readonly string[]): readonly StackService[] | undefined {
  if (names.length === 0) return undefined;
  for (const name of names) {
    if (!(ALL_SERVICES as readonly string[]).includes(name)) throw new Error(`stack: unknown service "${name}": ${usage}`);
  }
  return names as readonly StackService[];
}

function exec(argv: readonly string[]): number {
  const [command, ...args] = argv[0] === '--' ? argv.slice(1) : argv;
  if (!command) {
    console.error(usage);
    return 1;
  }
  const env = stackSecretEnv();
  console.error(`stack exec: ${Object.keys(env).join(', ')} set from .dts/stack/secrets for ${command} (values not shown)`);
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.error) {
    console.error(`stack exec: could not run ${command}: ${r.error.message}`);
    return 127;
  }
  return r.status ?? 1;
}

async function main(argv: readonly string[]): Promise<number> {
  const command = argv[0];
  if (command === 'exec') return exec(argv.slice(1));
  const services = parseServices(argv.slice(1));
  switch (command) {
    case 'up': {
      const result = await stackUp({ services });
      console.log(`stack: up in ${(result.elapsedMs / 1000).toFixed(1)} s`);
      return 0;
    }
    case 'down':
      await stackDown({ services });
      return 0;
    case 'status': {
      const status = await stackStatus({ services });
      console.log(formatStatus(status));
      return status.healthy ? 0 : 1;
    }
    default:
      console.error(usage);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
