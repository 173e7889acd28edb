package org.vitalgate.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest (Implementation-Version), or "dev" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"vitalgate " + (v == null ? "dev" : v)};
    }
}
