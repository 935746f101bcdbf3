// `npm run stack -- up | down | status`: the local MariaDB + RocketMQ stack for tests and the demo.
import { formatStatus, stackDown, stackStatus, stackUp } from './index.js';

const usage = 'usage: npm run stack -- up | down | status';

async function main(argv: readonly string[]): Promise<number> {
  const command = argv[0];
  switch (command) {
    case 'up': {
      const result = await stackUp();
      console.log(`stack: up in ${(result.elapsedMs / 1000).toFixed(1)} s`);
      return 0;
    }
    case 'down':
      await stackDown();
      return 0;
    case 'status': {
      const status = await stackStatus();
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
