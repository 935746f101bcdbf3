/** Root app (cdktf.json at the repository root): both example stacks in one synth. */
import { App } from 'cdktf';
import { ShopReplicaStack } from './mysql-to-mysql/stack.js';
import { ShopToRocketMqStack } from './mysql-to-rocketmq/stack.js';

const app = new App();
new ShopToRocketMqStack(app, 'shop-to-rocketmq');
new ShopReplicaStack(app, 'shop-replica');
app.synth();
