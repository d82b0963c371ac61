package kr.tickets.ratelimit;

/** The routes the application rate limit guards, with the value of their metric dimension {@code Route}. */
public enum RateLimitedRoute {
    HOLD("Hold"),
    CHECKOUT("Checkout"),
    CONFIRM("Confirm");

    private final String metricValue;

    RateLimitedRoute(String metricValue) {
        this.metricValue = metricValue;
    }

    public String metricValue() {
        return metricValue;
    }
}
