package io.kongexporter.kafka;

import io.kongexporter.support.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A real Kafka broker for tests: Kafka's own server (the {@code kafka_2.13} artifact from Maven Central, a test
 * dependency) in a JVM of its own, KRaft combined mode (broker and controller in one process), on free loopback
 * ports, its log in a temporary directory. It can be stopped and started again on the same ports and data. Shared by
 * every test that needs a broker (the Kafka ingestion tests, the cross-replica live view).
 */
public final class KafkaBroker implements AutoCloseable {
    private final Path dir;
    private final int port = ManagedProcess.freePort();
    private final int controllerPort = ManagedProcess.freePort();
    private ManagedProcess process;
    private int starts;

    private KafkaBroker(Path dir) {
        this.dir = dir;
    }

    /** Formats the storage (a new cluster id) and starts the broker; returns once it answers. */
    public static KafkaBroker start(Path dir) throws Exception {
        KafkaBroker broker = new KafkaBroker(dir);
        Path config = broker.writeConfig();
        ManagedProcess format = ManagedProcess.start(dir.resolve("format.log"), javaCommand("kafka.tools.StorageTool", "format",
                "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString(), "--ignore-formatted"));
        format.waitFor(Duration.ofSeconds(60));
        broker.startAgain();
        return broker;
    }

    /** {@code java -cp <this JVM's test classpath> mainClass args...}: the broker, the storage tool, an exporter. */
    public static List<String> javaCommand(String mainClass, String... args) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** {@code host:port} of the broker's listener. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker again (after {@link #stop}) on the same ports and data; returns once it answers. */
    public void startAgain() throws Exception {
        starts++;
        process = ManagedProcess.start(dir.resolve("broker-" + starts + ".log"),
                javaCommand("kafka.Kafka", dir.resolve("server.properties").toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (!process.alive()) {
                throw new IllegalStateException("the broker exited:\n" + process.log());
            }
            if (answers()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker did not answer within 60 s:\n" + process.log());
            }
            Thread.sleep(100);
        }
    }

    /** SIGTERM and wait: the broker is down until {@link #startAgain}. */
    public void stop() throws InterruptedException {
        process.stop();
    }

    public void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** A producer of raw bytes, acknowledged by the broker (acks=all, idempotent: no record written twice). */
    public KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /** What the broker wrote, for a failing test's message. */
    public String log() {
        return process.log();
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        } catch (IOException e) {
            return false;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000", AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000"))) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private Path writeConfig() {
        Path config = dir.resolve("server.properties");
        String text = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "group.min.session.timeout.ms=1000",
                "num.network.threads=2",
                "num.io.threads=2",
                "log.flush.interval.messages=1000000",
                "");
        try {
            Files.createDirectories(dir);
            Files.writeString(config, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }
}
