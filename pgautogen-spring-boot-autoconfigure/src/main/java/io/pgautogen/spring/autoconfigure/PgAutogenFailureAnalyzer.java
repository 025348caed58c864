package io.pgautogen.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.pgautogen.PgAutogenException;
import io.pgautogen.spring.PgAutogenOutOfSyncException;

/**
 * Explains a start-up that pgautogen failed: a database out of sync in {@code fail} mode, or
 * declarations that cannot be planned.
 */
class PgAutogenFailureAnalyzer extends AbstractFailureAnalyzer<PgAutogenException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PgAutogenException cause) {
		if (cause instanceof PgAutogenOutOfSyncException outOfSync) {
			return new FailureAnalysis(outOfSync.getMessage(),
					"Generate the migration (start with spring.pgautogen.mode=write, or POST /actuator/pgautogen),"
							+ " review and commit it, and let the migration tool apply it.",
					cause);
		}
		return new FailureAnalysis(cause.getMessage(),
				"Fix what is listed above. pgautogen left the database unchanged; to start without it, set"
						+ " spring.pgautogen.mode=off.",
				cause);
	}
}
