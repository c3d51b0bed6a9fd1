package io.berth.testsupport;

import static io.restassured.RestAssured.given;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One read of a service's {@code /q/metrics} in the Prometheus text format, as a scraper gets it
 * over HTTP: the samples of a metric, filtered by labels.
 */
public final class Scrape {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample: its metric name, labels and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private Scrape(List<Sample> samples) {
        this.samples = samples;
    }

    /** Reads the service under test's {@code /q/metrics} (RestAssured's base URI and port). */
    public static Scrape now() {
        String text = given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract().asString();
        return parse(text);
    }

    static Scrape parse(String text) {
        return new Scrape(Arrays.stream(text.split("\n")).filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(SAMPLE::matcher).filter(Matcher::matches).map(m -> new Sample(m.group(1), labels(m.group(3)),
                        Double.parseDouble(m.group(4)))).toList());
    }

    /** The samples of {@code name} whose labels include every one of {@code labels}. */
    public List<Sample> samples(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name)
                && labels.entrySet().stream().allMatch(l -> l.getValue().equals(s.labels().get(l.getKey())))).toList();
    }

    /** The sum of those samples' values; 0 when there are none. */
    public double sum(String name, Map<String, String> labels) {
        return samples(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    private static Map<String, String> labels(String text) {
        if (text == null) {
            return Map.of();
        }
        Map<String, String> labels = new HashMap<>();
        Matcher m = LABEL.matcher(text);
        while (m.find()) {
            labels.put(m.group(1), m.group(2));
        }
        return Map.copyOf(labels);
    }
}
