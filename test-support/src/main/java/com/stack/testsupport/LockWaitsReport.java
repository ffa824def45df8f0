package com.stack.testsupport;

import java.util.Map;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Prints, when a test JVM's tests are done, the lock waits its non-blocking threads made ({@link LockWaits}). */
public final class LockWaitsReport implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        Map<String, Long> waits = LockWaits.byCaller();
        if (!waits.isEmpty()) {
            StringBuilder report = new StringBuilder("Non-blocking threads waited for a lock (counted, allowed):");
            waits.forEach((caller, count) -> report.append(System.lineSeparator())
                    .append("  ")
                    .append(count)
                    .append(" x ")
                    .append(caller));
            System.out.println(report);
        }
    }
}
