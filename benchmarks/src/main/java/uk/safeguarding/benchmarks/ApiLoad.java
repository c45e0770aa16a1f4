package uk.safeguarding.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API under load: starts the hub (BenchmarkHub, its own JVM) on a dataset of about a million events,
 * then drives each request kind with Gatling at rising arrival rates, and prints the throughput, the
 * 50th, 95th and 99th percentiles and the errors of each step; first with the audit on, as the hub
 * always runs, then with it off, for comparison. Arguments: people (default 10,000), seconds a step (20).
 */
public final class ApiLoad {

    private static final int[] RATES = {50, 100, 200, 300};
    private static final List<String> KINDS = List.of("search", "timeline", "profile");
    private static final int PORT = 8099;

    private ApiLoad() {
    }

    public static void main(String[] args) throws Exception {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path work = Path.of("benchmarks/target/api");
        List<String> rows = new ArrayList<>();
        rows.add("| audit | request | rate asked (/s) | served (/s) | requests | errors | p50 ms | p95 ms | p99 ms | max ms |");
        rows.add("|---|---|---|---|---|---|---|---|---|---|");
        for (String audit : List.of("on", "off")) {
            Path data = work.resolve("data-" + audit);
            Process hub = start(people, audit, data);
            try {
                String token = token();
                // a fresh JVM compiles as it goes: each request kind is warmed up first, and not counted
                for (String kind : KINDS) {
                    step(audit, kind, 20, 20, token, data, work.resolve("gatling"));
                }
                for (String kind : KINDS) {
                    for (int rate : RATES) {
                        rows.add(step(audit, kind, rate, seconds, token, data, work.resolve("gatling")));
                        System.out.println(rows.get(rows.size() - 1));
                    }
                }
            } finally {
                hub.destroy();
                hub.waitFor();
            }
        }
        String table = String.join("\n", rows);
        String machine = Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version");
        Files.writeString(work.resolve("results.md"), "API load, " + LocalDate.now() + ", " + machine + ", " + people
                + " people\n\n" + table + "\n");
        System.out.println("\n" + table + "\n\nwritten to " + work.resolve("results.md"));
        // Gatling leaves non-daemon threads behind: without this the JVM (and a build lock) is held for ever
        System.exit(0);
    }

    /** The hub in its own JVM with the benchmark's classpath, ready once it prints READY. */
    private static Process start(int people, String audit, Path data) throws IOException {
        Process hub = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx4g",
                "-cp", System.getProperty("java.class.path"), BenchmarkHub.class.getName(),
                Integer.toString(PORT), Integer.toString(people), audit, data.toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(hub.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            System.out.println("  hub: " + line);
            if (line.equals("READY")) {
                // keep draining its output so that it never blocks on a full pipe
                Thread drain = new Thread(() -> {
                    try {
                        out.lines().forEach(l -> { });
                    } catch (java.io.UncheckedIOException stopped) {
                        // the hub was stopped at the end of its steps
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return hub;
            }
        }
        throw new IllegalStateException("the hub stopped before it was ready");
    }

    private static String token() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + PORT + "/dev/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=lambeth.analyst")).build(), HttpResponse.BodyHandlers.ofString());
        return JsonMapper.builder().build().readTree(response.body()).path("access_token").asString();
    }

    /** One Gatling run; its numbers as its report gives them. */
    private static String step(String audit, String kind, int rate, int seconds, String token, Path data, Path results)
            throws IOException {
        System.setProperty("hub.url", "http://127.0.0.1:" + PORT);
        System.setProperty("hub.token", token);
        System.setProperty("hub.request", kind);
        System.setProperty("hub.rate", Integer.toString(rate));
        System.setProperty("hub.seconds", Integer.toString(seconds));
        System.setProperty("hub.data", data.toAbsolutePath().toString());
        String description = audit + "-" + kind + "-" + rate;
        io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {"--simulation", ApiSimulation.class.getName(),
            "--results-folder", results.toAbsolutePath().toString(), "--run-description", description});
        Path newest;
        try (Stream<Path> runs = Files.list(results)) {
            newest = runs.filter(Files::isDirectory).max(Comparator.comparingLong(p -> p.toFile().lastModified())).orElseThrow();
        }
        // the report's "All Requests" row: total, OK, KO, % KO, count a second, min, 50th, 75th, 95th, 99th pct, max
        String report = Files.readString(newest.resolve("index.html"));
        Matcher cell = Pattern.compile("<td class=\"value [a-z]+ col-(\\d+)\">([^<]*)</td>")
                .matcher(report.substring(report.indexOf("id=\"stats-table-ROOT\"")));
        java.util.Map<Integer, String> all = new java.util.HashMap<>();
        while (cell.find() && !all.containsKey(Integer.parseInt(cell.group(1)))) {
            all.put(Integer.parseInt(cell.group(1)), cell.group(2).trim());
        }
        return "| " + audit + " | " + kind + " | " + rate + " | " + all.get(6) + " | " + all.get(2) + " | " + all.get(4) + " | "
                + all.get(8) + " | " + all.get(10) + " | " + all.get(11) + " | " + all.get(12) + " |";
    }
}
