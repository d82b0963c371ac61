package kr.tickets.runner;

/** The accounts a local run starts with (documented in README.md; local only, never in AWS). */
public final class DemoAccounts {
    public static final String ADMIN_EMAIL = "admin@tickets.local";
    public static final String ADMIN_PASSWORD = "Admin!2345";
    public static final String ADMIN_NAME = "관리자";
    public static final String ADMIN_PHONE = "010-0000-0000";

    private DemoAccounts() {
    }
}
