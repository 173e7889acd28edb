package org.vitalgate.uplink.payload;

import java.util.Optional;

/**
 * The one validation of remote-command names and request ids, shared by the command handler (what it accepts)
 * and the {@code command-result} encoder (what it writes), and the same as {@code docs/asyncapi.yaml} and
 * {@code docs/schemas/command-result-v1.schema.json}:
 * <ul>
 *   <li>a command name is 1..64 of {@code a-z 0-9 -}, starting with a letter ({@code ^[a-z][a-z0-9-]{0,63}$});</li>
 *   <li>a request id is 1..64 of {@code A-Z a-z 0-9 _ . : -}, starting with a letter or digit
 *       ({@code ^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$}); it becomes one topic level of {@code cmd-result/…}.</li>
 * </ul>
 * A request without a valid request id is answered on {@code cmd-result/_invalid} with request id
 * {@link #INVALID_REQUEST} (which no valid request id can equal). Stateless; thread-safe.
 */
public final class CommandIds {
    public static final int MAX_NAME = 64;
    public static final int MAX_REQUEST_ID = Fields.REQUEST_ID;
    /** Request id (and topic level) of answers to requests whose own request id is missing or invalid. */
    public static final String INVALID_REQUEST = "_invalid";
    /** How much of a bad value logs and answers quote. */
    public static final int EXCERPT = 32;

    private CommandIds() {
    }

    /** Why {@code name} is not a valid command name, or empty when it is. */
    public static Optional<String> nameProblem(String name) {
        int n = name.length();
        boolean ok = n >= 1 && n <= MAX_NAME && name.charAt(0) >= 'a' && name.charAt(0) <= 'z';
        for (int i = 1; ok && i < n; i++) {
            char c = name.charAt(i);
            ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        }
        return ok ? Optional.empty() : Optional.of("command name must be 1.." + MAX_NAME
                + " of a-z 0-9 - starting with a letter (got " + n + " characters: " + excerpt(name) + ")");
    }

    /** Why {@code requestId} is not a valid request id, or empty when it is. */
    public static Optional<String> requestIdProblem(String requestId) {
        int n = requestId.length();
        boolean ok = n >= 1 && n <= MAX_REQUEST_ID;
        for (int i = 0; ok && i < n; i++) {
            char c = requestId.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            ok = alnum || (i > 0 && (c == '_' || c == '.' || c == ':' || c == '-'));
        }
        return ok ? Optional.empty() : Optional.of("requestId must be 1.." + MAX_REQUEST_ID
                + " of A-Z a-z 0-9 _ . : - starting with a letter or digit (got " + n + " characters: "
                + excerpt(requestId) + ")");
    }

    /** {@code requestId} if valid or {@link #INVALID_REQUEST}; otherwise {@link IllegalArgumentException}. */
    static String requireAnswerable(String requestId) {
        if (INVALID_REQUEST.equals(requestId)) {
            return requestId;
        }
        requestIdProblem(requestId).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return requestId;
    }

    /**
     * At most {@link #EXCERPT} characters of {@code s}, printable ASCII only (others as {@code ?}), with
     * {@code …(+n)} when cut: safe to log and to quote in an answer.
     */
    public static String excerpt(String s) {
        int n = Math.min(s.length(), EXCERPT);
        StringBuilder sb = new StringBuilder(n + 12).append('"');
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '?');
        }
        sb.append('"');
        if (s.length() > n) {
            sb.append("…(+").append(s.length() - n).append(')');
        }
        return sb.toString();
    }
}
