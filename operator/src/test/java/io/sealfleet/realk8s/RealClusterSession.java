package io.sealfleet.realk8s;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Stops the shared API server (and etcd, controller-manager) when the test run ends, before the JVM exits. */
public final class RealClusterSession implements LauncherSessionListener {
    @Override
    public void launcherSessionClosed(LauncherSession session) {
        RealCluster.stopIfStarted();
    }
}
