// `npm run stack -- up | down | status`: the local MariaDB + RocketMQ stack for tests and the demo.
import { ALL_SERVICES, formatStatus, type StackService, stackDown, stackStatus, stackUp } from './index.js';

const usage = 'usage: npm run stack -- up | down | status [mariadb] [rocketmq]   (no service name: all)';

function parseServices(names: readonly string[]): readonly StackService[] | undefined {
  if (names.length === 0) return undefined;
  for (const name of names) {
    if (!(ALL_SERVICES as readonly string[]).includes(name)) throw new Error(`stack: unknown service "${name}": ${usage}`);
  }
  return names as readonly StackService[];
}

async function main(argv: readonly string[]): Promise<number> {
  const command = argv[0];
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
