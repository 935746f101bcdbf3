// Module resolution hook (see register.mjs): `cdktf` and `cdktf/...` become `cdktn` and `cdktn/...`.
// With CDKTN_RESOLVE_LOG=FILE each redirected module's URL is appended to FILE (the test's proof that
// the synthesis really ran on cdktn).
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  if (specifier !== 'cdktf' && !specifier.startsWith('cdktf/')) return next(specifier, context);
  const resolved = await next(`cdktn${specifier.slice('cdktf'.length)}`, context);
  if (process.env.CDKTN_RESOLVE_LOG) appendFileSync(process.env.CDKTN_RESOLVE_LOG, `${resolved.url}\n`);
  return resolved;
}
