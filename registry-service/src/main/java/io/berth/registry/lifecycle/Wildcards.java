package io.berth.registry.lifecycle;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** ECR's tag wildcards: {@code *} matches any run of characters, everything else itself. */
public final class Wildcards {

    private Wildcards() {
    }

    public static boolean matches(String wildcard, String text) {
        String regex = Arrays.stream(wildcard.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
        return Pattern.compile(regex, Pattern.DOTALL).matcher(text).matches();
    }

    public static int count(String wildcard) {
        return (int) wildcard.chars().filter(c -> c == '*').count();
    }
}
