package io.pgautogen.plan;

import java.time.Duration;

/**
 * How long each planning phase took.
 *
 * @param catalogRead reading the managed objects
 * @param canonicalization running the declarations in the sandbox and reading them back
 * @param analysis diffing, finding dependents and ordering the statements
 */
public record PlanningTimings(Duration catalogRead, Duration canonicalization, Duration analysis) {

	/** No time at all: nothing was planned. */
	public static final PlanningTimings NONE = new PlanningTimings(Duration.ZERO, Duration.ZERO, Duration.ZERO);

	/** The whole planning time. */
	public Duration total() {
		return this.catalogRead.plus(this.canonicalization).plus(this.analysis);
	}
}
