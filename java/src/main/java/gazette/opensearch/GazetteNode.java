package gazette.opensearch;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node in this JVM, with the two modules the gazette index needs on the classpath: netty4 (HTTP and
 * the transport between nodes) and analysis-common. The distribution's launcher would load them from its modules
 * folder; here Maven brings them as jars, and Node's protected constructor takes them as classpath plugins, the
 * way embedded nodes have long been started.
 *
 * <p>Arguments are settings as {@code key=value} ({@code path.home}, {@code http.port}, {@code discovery.seed_hosts}
 * …). The node runs until the JVM is told to stop (SIGTERM or SIGINT), then closes itself, so its data folder is
 * left consistent.
 */
public final class GazetteNode extends Node {

    private GazetteNode(Settings settings) {
        super(
            InternalSettingsPreparer.prepareEnvironment(settings, java.util.Map.of(), null, () -> settings.get("node.name")),
            List.of(Netty4Plugin.class, CommonAnalysisPlugin.class),
            true
        );
    }

    public static void main(String[] args) throws Exception {
        Settings.Builder builder = Settings.builder()
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            .put("network.host", "127.0.0.1");
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                System.err.println("expected key=value, got: " + arg);
                System.exit(2);
            }
            String key = arg.substring(0, eq);
            String value = arg.substring(eq + 1);
            if (value.contains(",") && (key.equals("discovery.seed_hosts") || key.equals("cluster.initial_cluster_manager_nodes"))) {
                builder.putList(key, value.split(","));
            } else {
                builder.put(key, value);
            }
        }
        Settings settings = builder.build();
        if (settings.get("path.home") == null) {
            System.err.println("path.home=… is required");
            System.exit(2);
        }
        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName(settings.get("node.name", "node"));
        LogConfigurator.configureWithoutConfig(settings);

        CountDownLatch stopped = new CountDownLatch(1);
        GazetteNode node = new GazetteNode(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "gazette-node-stop"));
        node.start();
        System.out.println("started " + settings.get("node.name") + " http " + settings.get("http.port"));
        System.out.flush();
        stopped.await();
    }
}
