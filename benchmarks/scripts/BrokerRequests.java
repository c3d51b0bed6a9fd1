import java.util.Map;
import java.util.TreeMap;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The stack's broker's requests by API key over a window (docs/benchmarks.md, "The broker's CPU per RunTask, session
 * 19"): reads the broker's own {@code kafka.network:type=RequestMetrics,name=RequestsPerSec} counters (one per API
 * key and version) over JMX at the window's start and end, and prints each key's requests in the window.
 *
 *     java benchmarks/scripts/BrokerRequests.java <jmx port> <seconds>
 *
 * The launcher's JVM opens the port when asked ({@code jcmd <pid> ManagementAgent.start jmxremote.port=<port>
 * jmxremote.authenticate=false jmxremote.ssl=false}), so the stack runs with its usual flags until then.
 */
public class BrokerRequests {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long millis = (long) (Double.parseDouble(args[1]) * 1000);
        var url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://localhost:" + port + "/jmxrmi");
        try (var connector = JMXConnectorFactory.connect(url)) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            Map<String, Long> before = counts(server);
            long started = System.nanoTime();
            Thread.sleep(millis);
            Map<String, Long> after = counts(server);
            double elapsed = (System.nanoTime() - started) / 1e9;
            System.out.printf("window %.2f s%n", elapsed);
            after.forEach((key, count) -> {
                long requests = count - before.getOrDefault(key, 0L);
                if (requests > 0) {
                    System.out.printf("%-28s %8d  %8.2f/s%n", key, requests, requests / elapsed);
                }
            });
        }
    }

    /** Requests so far by API key, its versions added up. */
    private static Map<String, Long> counts(MBeanServerConnection server) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        for (ObjectName name : server.queryNames(
                new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null)) {
            long count = ((Number) server.getAttribute(name, "Count")).longValue();
            counts.merge(name.getKeyProperty("request"), count, Long::sum);
        }
        return counts;
    }
}
