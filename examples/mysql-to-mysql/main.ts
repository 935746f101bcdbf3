import { App } from 'cdktf';
import { ShopReplicaStack } from './stack.js';

const app = new App();
new ShopReplicaStack(app, 'shop-replica');
app.synth();
