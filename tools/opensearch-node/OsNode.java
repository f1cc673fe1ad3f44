// One OpenSearch node from the Maven Central jars (no distribution, no Docker), for development
// and tests. Production runs the official distribution or a managed cluster: same HTTP contract.
//
//   java -cp "$(cat target/cp.txt)" OsNode.java --name n1 --home DIR --http 9200 --transport 9300
//        [--seeds 127.0.0.1:9300,127.0.0.1:9301 --masters n1,n2,n3]
//
// A plain Node subclass skips what only the Bootstrap class does (bootstrap checks, security
// manager, native calls, jar hell), so nothing needs disabling. See ../../README.md "Backends".
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.script.mustache.MustachePlugin;
import org.opensearch.transport.Netty4Plugin;

public final class OsNode {
    static final class EmbeddedNode extends Node {
        EmbeddedNode(Environment env, Collection<Class<? extends Plugin>> plugins) {
            super(env, plugins, true);
        }
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        String name = args.getOrDefault("name", "n1");
        Path home = Path.of(args.getOrDefault("home", "opensearch-data/" + name)).toAbsolutePath();
        for (String sub : List.of("config", "data", "logs", "modules", "plugins")) {
            Files.createDirectories(home.resolve(sub));
        }
        Settings.Builder settings = Settings.builder()
            .put("cluster.name", args.getOrDefault("cluster", "presse"))
            .put("node.name", name)
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", args.getOrDefault("http", "9200"))
            .put("transport.port", args.getOrDefault("transport", "9300"))
            .put("node.portsfile", true)
            // Development disks are often nearly full; small heaps trip the real-memory breaker.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("indices.breaker.total.use_real_memory", false)
            .put("action.auto_create_index", false);
        if (args.containsKey("processors")) {
            settings.put("node.processors", Integer.parseInt(args.get("processors")));
        }
        if (args.containsKey("seeds")) {
            settings.putList("discovery.seed_hosts", Arrays.asList(args.get("seeds").split(",")));
            settings.putList("cluster.initial_cluster_manager_nodes",
                             Arrays.asList(args.getOrDefault("masters", name).split(",")));
        } else {
            settings.put("discovery.type", "single-node");
        }
        Environment env = InternalSettingsPreparer.prepareEnvironment(
            settings.build(), Map.of(), home.resolve("config"), () -> name);
        Node node = new EmbeddedNode(env, List.of(Netty4Plugin.class, CommonAnalysisPlugin.class,
                                                  MustachePlugin.class, ReindexPlugin.class));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            }
            stopped.countDown();
        }));
        node.start();
        System.out.println("OSNODE STARTED " + name);
        System.out.flush();
        stopped.await();
    }
}
