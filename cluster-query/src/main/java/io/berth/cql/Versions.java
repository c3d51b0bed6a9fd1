package io.berth.cql;

/**
 * Semantic versions ({@code MAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD]}), compared in place on
 * the strings so that evaluating {@code agentVersion} allocates nothing. Missing components count
 * as 0 ({@code 1.14 == 1.14.0}), numbers of any length compare by value, a pre-release sorts
 * before its release with identifiers compared as SemVer 2.0 says, and build metadata is ignored.
 */
final class Versions {

    private Versions() {
    }

    static boolean isValid(String version) {
        int i = digits(version, 0);
        if (i == 0) {
            return false;
        }
        for (int component = 1; component < 3 && i < version.length() && version.charAt(i) == '.'; component++) {
            int end = digits(version, i + 1);
            if (end == i + 1) {
                return false;
            }
            i = end;
        }
        if (i < version.length() && version.charAt(i) == '-') {
            i = identifiers(version, i + 1);
            if (i < 0) {
                return false;
            }
        }
        if (i < version.length() && version.charAt(i) == '+') {
            i = identifiers(version, i + 1);
            if (i < 0) {
                return false;
            }
        }
        return i == version.length();
    }

    /** Compares two versions that {@link #isValid} accepts; negative, zero or positive. */
    static int compare(String a, String b) {
        int ia = 0;
        int ib = 0;
        for (int component = 0; component < 3; component++) {
            int endA = digits(a, ia);
            int endB = digits(b, ib);
            int c = compareNumbers(a, ia, endA, b, ib, endB);
            if (c != 0) {
                return c;
            }
            ia = skipDot(a, endA);
            ib = skipDot(b, endB);
        }
        boolean preA = ia < a.length() && a.charAt(ia) == '-';
        boolean preB = ib < b.length() && b.charAt(ib) == '-';
        if (!preA || !preB) {
            return Boolean.compare(!preA, !preB);
        }
        return comparePreReleases(a, ia + 1, end(a, ia + 1), b, ib + 1, end(b, ib + 1));
    }

    private static int comparePreReleases(String a, int ia, int endA, String b, int ib, int endB) {
        while (ia < endA && ib < endB) {
            int stopA = identifierEnd(a, ia, endA);
            int stopB = identifierEnd(b, ib, endB);
            boolean numericA = digits(a, ia) == stopA;
            boolean numericB = digits(b, ib) == stopB;
            int c;
            if (numericA && numericB) {
                c = compareNumbers(a, ia, stopA, b, ib, stopB);
            } else if (numericA != numericB) {
                c = numericA ? -1 : 1;
            } else {
                c = compareText(a, ia, stopA, b, ib, stopB);
            }
            if (c != 0) {
                return c;
            }
            ia = stopA + 1;
            ib = stopB + 1;
        }
        return Boolean.compare(ia < endA, ib < endB);
    }

    /** Compares the decimal numbers in {@code a[fromA, toA)} and {@code b[fromB, toB)}; empty is 0. */
    static int compareNumbers(String a, int fromA, int toA, String b, int fromB, int toB) {
        while (fromA < toA && a.charAt(fromA) == '0') {
            fromA++;
        }
        while (fromB < toB && b.charAt(fromB) == '0') {
            fromB++;
        }
        int c = Integer.compare(toA - fromA, toB - fromB);
        return c != 0 ? c : compareText(a, fromA, toA, b, fromB, toB);
    }

    private static int compareText(String a, int fromA, int toA, String b, int fromB, int toB) {
        while (fromA < toA && fromB < toB) {
            int c = Character.compare(a.charAt(fromA++), b.charAt(fromB++));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(toA - fromA, toB - fromB);
    }

    /** The end of the digit run starting at {@code from}. */
    static int digits(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static int skipDot(String s, int at) {
        return at < s.length() && s.charAt(at) == '.' ? at + 1 : at;
    }

    /** The end of a pre-release: the build metadata or the end of the string. */
    private static int end(String s, int from) {
        int plus = s.indexOf('+', from);
        return plus < 0 ? s.length() : plus;
    }

    private static int identifierEnd(String s, int from, int end) {
        int dot = s.indexOf('.', from);
        return dot < 0 || dot > end ? end : dot;
    }

    /** Dot-separated non-empty runs of {@code [0-9A-Za-z-]} from {@code from}; their end, or -1. */
    private static int identifiers(String s, int from) {
        int i = from;
        while (true) {
            int start = i;
            while (i < s.length() && isIdentifierChar(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return -1;
            }
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
            } else {
                return i;
            }
        }
    }

    private static boolean isIdentifierChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
    }
}
