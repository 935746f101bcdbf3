/*
 * RocketMQ's own Java client (from Maven Central, the jars the stack resolves), as a reference next
 * to the engine. scripts/stack/rocketmq-java.ts compiles it once and runs
 * java -cp '<stack lib>/*:<classes>' RocketMqTool <command> ...
 *
 *   ceiling <namesrv> <topic> <messages> <bodyBytes> <batch>
 *       One thread per write queue sends batches of <batch> messages of <bodyBytes> to its queue, each
 *       batch awaited before the next (what FIFO order allows per queue), <messages> in all. Prints
 *       {"messages":N,"ms":T}.
 *   consume <namesrv> <topic> <expected> <idleMs>
 *       Reads every queue of the topic from its first offset over the remoting protocol, until
 *       <expected> messages or <idleMs> without one. Prints one JSON line per message:
 *       {"q":queueId,"o":offset,"st":storeTimestamp,"g":messageGroup,"k":keys,"id":msgId,"b":base64 body}
 *       (msgId: what a client reports as the message id, the producer's UNIQ_KEY when it set one).
 *   stats <namesrv> <topic> <idleMs>
 *       Reads every queue as consume does; prints {"messages":N,"bytes":B} (bytes of bodies).
 */
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

public class RocketMqTool {
    public static void main(String[] args) throws Exception {
        try {
            switch (args[0]) {
                case "ceiling" -> ceiling(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
                case "consume" -> consume(args[1], args[2], Long.parseLong(args[3]), Long.parseLong(args[4]), false);
                case "stats" -> consume(args[1], args[2], Long.MAX_VALUE, Long.parseLong(args[3]), true);
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
        } catch (Exception e) {
            // A started client's threads would keep the JVM alive: fail now, with the cause.
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /** Seeks a queue to its first message; a request that failed on the wire (a broker busy starting) is tried again. */
    static void seekToBegin(DefaultLitePullConsumer consumer, MessageQueue q) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                consumer.seekToBegin(q);
                return;
            } catch (Exception e) {
                if (attempt >= 20) throw e;
                Thread.sleep(500);
            }
        }
    }

    static void ceiling(String namesrv, String topic, int messages, int bodyBytes, int batch) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("dts-bench-ceiling");
        producer.setNamesrvAddr(namesrv);
        producer.setVipChannelEnabled(false);
        producer.setMaxMessageSize(4 * 1024 * 1024);
        producer.start();
        List<MessageQueue> queues = producer.fetchPublishMessageQueues(topic);
        byte[] body = new byte[bodyBytes];
        java.util.Arrays.fill(body, (byte) 'x');
        int perQueue = (messages + queues.size() - 1) / queues.size();
        AtomicLong sent = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (MessageQueue queue : queues) {
            Thread t = new Thread(() -> {
                try {
                    for (int done = 0; done < perQueue; ) {
                        List<Message> list = new ArrayList<>();
                        for (int i = 0; i < batch && done < perQueue; i++, done++) {
                            Message m = new Message(topic, body);
                            m.setKeys("k" + done);
                            m.putUserProperty("__SHARDINGKEY", "dts-bucket-" + queue.getQueueId());
                            list.add(m);
                        }
                        producer.send(list, queue);
                        sent.addAndGet(list.size());
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join();
        if (failure.get() != null) throw new RuntimeException("a batch send failed", failure.get());
        long ms = (System.nanoTime() - started) / 1_000_000;
        producer.shutdown();
        System.out.println("{\"messages\":" + sent.get() + ",\"ms\":" + ms + "}");
    }

    static void consume(String namesrv, String topic, long expected, long idleMs, boolean statsOnly) throws Exception {
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer("dts-check-" + System.nanoTime());
        consumer.setNamesrvAddr(namesrv);
        consumer.setPullBatchSize(1000);
        consumer.setAutoCommit(false);
        consumer.start();
        Collection<MessageQueue> queues = consumer.fetchMessageQueues(topic);
        consumer.assign(queues);
        for (MessageQueue q : queues) seekToBegin(consumer, q);
        StringBuilder out = new StringBuilder();
        long seen = 0;
        long bytes = 0;
        long lastAt = System.currentTimeMillis();
        while (seen < expected && System.currentTimeMillis() - lastAt < idleMs) {
            List<MessageExt> batch = consumer.poll(500);
            if (batch.isEmpty()) continue;
            lastAt = System.currentTimeMillis();
            for (MessageExt m : batch) {
                seen++;
                bytes += m.getBody().length;
                if (statsOnly) continue;
                out.setLength(0);
                out.append("{\"q\":").append(m.getQueueId()).append(",\"o\":").append(m.getQueueOffset())
                    .append(",\"st\":").append(m.getStoreTimestamp())
                    .append(",\"g\":").append(quote(m.getProperty("__SHARDINGKEY")))
                    .append(",\"k\":").append(quote(m.getKeys()))
                    .append(",\"id\":").append(quote(m.getMsgId()))
                    .append(",\"b\":\"").append(Base64.getEncoder().encodeToString(m.getBody())).append("\"}");
                System.out.println(out);
            }
        }
        if (statsOnly) System.out.println("{\"messages\":" + seen + ",\"bytes\":" + bytes + "}");
        System.out.flush();
        consumer.shutdown();
    }

    static String quote(String s) {
        if (s == null) return "null";
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }
}
