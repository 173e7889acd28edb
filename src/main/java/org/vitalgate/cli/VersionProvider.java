package org.vitalgate.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest (Implementation-Version; "dev" when run from classes) and the commit. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"vitalgate " + version() + " (commit " + commit() + ")"};
    }

    /** The commit the jar was built from (written by the build into build.properties), or "unknown". */
    static String commit() {
        try (java.io.InputStream in = VersionProvider.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                return "unknown";
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("commit", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
