// What integration tests need from the local stack (started once by global-setup.ts).
export {
  ADMIN_USER,
  DESTINATION_PORT,
  DTS_USER,
  DTS_WRITER_USER,
  NAMESRV_ADDR,
  ROCKETMQ_ENDPOINT,
  ROCKETMQ_REMOTING_ENDPOINT,
  consumeOverRemoting,
  SOURCE_PORT,
  STACK_HOST,
  createConsumerGroup,
  createTopic,
  deleteConsumerGroup,
  deleteTopic,
  destinationConnection,
  mariaDbConnection,
  readStackSecret,
  sourceConnection,
  quietRocketMqLogger,
  stackProducer,
  stackSimpleConsumer,
  startStackProducer,
  startStackSimpleConsumer,
  startWithin,
  topicExists,
  topicRoute,
  type MariaDbConnectionOptions,
} from '../../scripts/stack/index.js';

/** A database name unique to one test run, so tests never see each other's tables. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`;
}
