package kr.tickets.catalog;

import java.util.List;

/** One page of performances and the cursor of the next page (null on the last page). */
public record PerformancePage(List<Performance> items, String nextCursor) {
}
