package io.pgautogen.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import io.pgautogen.declaration.Declaration;
import io.pgautogen.declaration.DeclarationException;
import io.pgautogen.declaration.DeclarationProblem;
import io.pgautogen.plan.Planner;
import io.pgautogen.plan.PlannerSettings;

/** Plans that must fail, and the checks that the database was left exactly as it was. */
public final class PlanningFailures {

	private PlanningFailures() {
	}

	/** The one problem planning {@code declarations} reports; the catalog and sessions are checked unchanged. */
	public static DeclarationProblem singleProblem(TestDatabase database, List<Declaration> declarations) {
		DeclarationException failure = failure(database, PlannerSettings.defaults(), declarations);
		assertThat(failure.problems()).hasSize(1);
		assertThat(failure).hasMessageContaining("the database was left unchanged");
		return failure.problems().get(0);
	}

	/** The failure of planning {@code declarations}; the catalog and sessions are checked unchanged. */
	public static DeclarationException failure(TestDatabase database, PlannerSettings settings,
			List<Declaration> declarations) {
		Map<String, String> fingerprint = Catalogs.fingerprint(database);
		DeclarationException failure = catchThrowableOfType(DeclarationException.class,
				() -> new Planner(settings).plan(database.dataSource(), declarations));
		assertThat(failure).as("planning failure").isNotNull();
		assertUnchanged(database, fingerprint);
		return failure;
	}

	/** The catalog has {@code fingerprint} again, and no session is left in a transaction or holding locks. */
	public static void assertUnchanged(TestDatabase database, Map<String, String> fingerprint) {
		assertThat(Catalogs.fingerprint(database)).as("catalog after the failed plan").isEqualTo(fingerprint);
		assertThat(Catalogs.openTransactionsAndLocks(database)).as("sessions left in a transaction or holding locks")
			.isEmpty();
	}
}
