package com.stack.onboarding.notification.domain;

import java.util.Locale;

/** The operating system of a device that receives pushes. */
public enum DevicePlatform {
    IOS,
    ANDROID;

    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }
}
