// `node --import ./scripts/cdktn/register.mjs ...`: every import of `cdktf` resolves to `cdktn` (CDK
// Terrain, the maintained continuation of cdktf under a new name), exactly what a user gets with the
// npm alias `"cdktf": "npm:cdktn@0.24.0"`. Used by the test that synthesizes the examples under both.
import { register } from 'node:module';

register('./resolve-cdktn.mjs', import.meta.url);
