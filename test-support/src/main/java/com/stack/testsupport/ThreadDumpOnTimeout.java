package com.stack.testsupport;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.concurrent.TimeoutException;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * When a test fails because something did not answer in time, prints every thread of the test JVM at that moment,
 * with the locks each holds and waits for: whether an event loop was stuck (and on what) or idle (the request or
 * its answer lost) is then in the build's output, instead of only "Timeout on blocking read".
 */
public final class ThreadDumpOnTimeout implements TestExecutionListener {

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.FAILED
                && result.getThrowable().filter(ThreadDumpOnTimeout::isTimeout).isPresent()) {
            StringBuilder dump = new StringBuilder("Threads when ")
                    .append(test.getDisplayName())
                    .append(" timed out:")
                    .append(System.lineSeparator());
            for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
                dump.append(describe(thread));
            }
            System.out.println(dump);
        }
    }

    private static boolean isTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // Reactor's "Timeout on blocking read" carries the TimeoutException as its cause
            if (cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** ThreadInfo.toString() stops at eight frames; a stuck thread's cause is often deeper. */
    private static String describe(ThreadInfo thread) {
        StringBuilder text = new StringBuilder("\"")
                .append(thread.getThreadName())
                .append("\" ")
                .append(thread.getThreadState());
        if (thread.getLockName() != null) {
            text.append(" on ").append(thread.getLockName());
        }
        if (thread.getLockOwnerName() != null) {
            text.append(" owned by \"").append(thread.getLockOwnerName()).append('"');
        }
        text.append(System.lineSeparator());
        StackTraceElement[] frames = thread.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, 40); i++) {
            text.append("\tat ").append(frames[i]).append(System.lineSeparator());
        }
        return text.append(System.lineSeparator()).toString();
    }
}
