/**
 * `npm run example -- <name> [dts run options]`: runs one of examples/ against the local stack, the one
 * command the README gives for it. Starts the stack if needed, creates the sample `shop` database when
 * the source lacks it (scripts/sample-shop.ts), synthesizes the example, creates the
 * RocketMQ topics its tasks write to (what `cdktf deploy` does on Alibaba Cloud), runs `dts precheck`
 * and then `dts run` with the state under .dts/examples/<name>. Passwords come from the stack's
 * secrets as the environment variables the example's Secret.fromEnv references read; none is typed,
 * exported or printed. Extra options go to `dts run`, e.g. `--until-caught-up`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from '../runtime/manifest/types.js';
import { seedShop, shopExists } from './sample-shop.js';
import { REPO_ROOT, createTopic, stackSecretEnv, stackUp, topicExists } from './stack/index.js';

const DTS = join(REPO_ROOT, 'runtime', 'cli', 'dts.mjs');

function dts(args: string[], env: NodeJS.ProcessEnv): number {
  return spawnSync(process.execPath, [DTS, ...args], { stdio: 'inherit', env }).status ?? 1;
}

async function main(argv: string[]): Promise<number> {
  const examples = readdirSync(join(REPO_ROOT, 'examples'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(REPO_ROOT, 'examples', d.name, 'cdktf.json')))
    .map((d) => d.name);
  const [name, ...runArgs] = argv;
  if (!name || !examples.includes(name)) {
    console.error(`usage: npm run example -- <${examples.join(' | ')}> [dts run options, e.g. --until-caught-up]`);
    return 1;
  }
  const dir = join(REPO_ROOT, 'examples', name);
  await stackUp();
  if (!(await shopExists())) {
    console.error(`example ${name}: the source has no sample shop database (customers, orders): creating it`);
    await seedShop();
  }
  const env = { ...process.env, ...stackSecretEnv() };
  console.error(`example ${name}: passwords from .dts/stack/secrets (values not shown)`);
  if (dts(['synth', dir], env) !== 0) return 1;
  const stacksDir = join(dir, 'cdktf.out', 'stacks');
  for (const stack of readdirSync(stacksDir)) {
    const stackDir = join(stacksDir, stack);
    const manifest = JSON.parse(readFileSync(join(stackDir, 'dts.manifest.json'), 'utf8')) as Manifest;
    if (manifest.tasks.length === 0) continue;
    for (const task of manifest.tasks) {
      if (task.destination.engine !== 'rocketmq') continue;
      const topics = new Set([task.destination.topic, ...(task.destination.ddlTopic ? [task.destination.ddlTopic] : []), ...task.objects.flatMap((o) => (o.topic ? [o.topic] : []))]);
      for (const topic of topics) {
        if (!(await topicExists(topic))) {
          console.error(`example ${name}: creating FIFO topic ${topic} on the local broker`);
          await createTopic(topic, { fifo: true });
        }
      }
    }
    if (dts(['precheck', stackDir], env) !== 0) return 1;
    const code = dts(['run', stackDir, '--state-dir', join(REPO_ROOT, '.dts', 'examples', name), ...runArgs], env);
    if (code !== 0) return code;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`example: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
