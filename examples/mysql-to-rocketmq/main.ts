import { App } from 'cdktf';
import { ShopToRocketMqStack } from './stack.js';

const app = new App();
new ShopToRocketMqStack(app, 'shop-to-rocketmq');
app.synth();
