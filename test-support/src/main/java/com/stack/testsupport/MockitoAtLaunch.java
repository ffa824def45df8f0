package com.stack.testsupport;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts Mockito's inline mock maker when a test JVM's launcher session opens, before any Spring context, Netty
 * event loop or request exists. Started lazily (Spring's Mockito listeners ask every bean whether it is a mock at the
 * first test method), it attaches its Java agent, appends a jar to the bootstrap class path and registers a class
 * transformer in the middle of a test, beside BlockHound's instrumentation and threads loading classes; the first
 * request to a fresh context then sometimes went unanswered. Done here, all of that happens once, on one thread.
 */
public final class MockitoAtLaunch implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        try {
            Class.forName("org.mockito.Mockito");
        } catch (ClassNotFoundException e) {
            return;
        }
        org.mockito.Mockito.mockingDetails(new Object()).isMock();
    }
}
