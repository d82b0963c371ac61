package kr.tickets.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a write route that keeps working in read-only mode ({@link ReadOnlyFilter}): what an
 * admin needs to turn the mode off (PUT /admin/policies/{key}) and what keeps sessions alive
 * (login, refresh, logout). Nothing else may carry it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD})
public @interface WritableWhenReadOnly {
}
