package io.pgautogen.test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

import io.pgautogen.declaration.Declaration;
import io.pgautogen.declaration.DeclarationSource;
import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.kind.Kinds;
import io.pgautogen.sql.CreateStatement;
import io.pgautogen.sql.SqlScanException;
import io.pgautogen.plan.PlannerSettings;

/**
 * A planning case: a database set up by {@link #setup()}, the declarations, and the changes the plan
 * must contain (as {@code action kind identity}, which may depend on the server's major version).
 *
 * @param name what the case shows
 * @param minimumMajor the oldest PostgreSQL major the case runs on
 * @param setup statements that build the starting database
 * @param declarations the declared objects
 * @param settings adjusts the default planner settings
 * @param expectedChanges the expected changes, by server major; {@code null} when any changes will do
 */
public record Scenario(String name, int minimumMajor, List<String> setup, List<Declaration> declarations,
		UnaryOperator<PlannerSettings> settings, IntFunction<List<String>> expectedChanges) {

	/** Starts a case. */
	public static Scenario named(String name) {
		return new Scenario(name, 13, List.of(), List.of(), UnaryOperator.identity(), major -> List.of());
	}

	public Scenario since(int major) {
		return new Scenario(this.name, major, this.setup, this.declarations, this.settings, this.expectedChanges);
	}

	public Scenario given(String... statements) {
		List<String> all = new ArrayList<>(this.setup);
		all.addAll(List.of(statements));
		return new Scenario(this.name, this.minimumMajor, all, this.declarations, this.settings, this.expectedChanges);
	}

	public Scenario declare(Declaration... declared) {
		List<Declaration> all = new ArrayList<>(this.declarations);
		all.addAll(List.of(declared));
		return new Scenario(this.name, this.minimumMajor, this.setup, all, this.settings, this.expectedChanges);
	}

	/**
	 * Declares each statement as the kind its head says (a function when it says nothing readable),
	 * attributed to this case and its position.
	 */
	public Scenario declare(String... statements) {
		List<Declaration> all = new ArrayList<>(this.declarations);
		for (String sql : statements) {
			DeclarationSource source = DeclarationSource.described(this.name + " #" + (all.size() + 1));
			ObjectKind kind = ObjectKind.FUNCTION;
			try {
				CreateStatement head = CreateStatement.parse(sql).orElse(null);
				for (ObjectKind candidate : ObjectKind.values()) {
					if (head != null && Kinds.of(candidate).declares(head)) {
						kind = candidate;
					}
				}
			}
			catch (SqlScanException ex) {
				// declared as a function: the planner reports it
			}
			all.add(Declaration.of(kind, sql, source));
		}
		return new Scenario(this.name, this.minimumMajor, this.setup, all, this.settings, this.expectedChanges);
	}

	public Scenario with(UnaryOperator<PlannerSettings> adjust) {
		return new Scenario(this.name, this.minimumMajor, this.setup, this.declarations, adjust, this.expectedChanges);
	}

	public Scenario expect(String... changes) {
		return expect(major -> List.of(changes));
	}

	public Scenario expect(IntFunction<List<String>> changes) {
		return new Scenario(this.name, this.minimumMajor, this.setup, this.declarations, this.settings, changes);
	}

	/** Accepts whatever changes the plan holds: only the invariant is checked. */
	public Scenario expectAnyChanges() {
		return new Scenario(this.name, this.minimumMajor, this.setup, this.declarations, this.settings, null);
	}

	/** The planner settings of this case. */
	public PlannerSettings plannerSettings() {
		return this.settings.apply(PlannerSettings.defaults());
	}

	@Override
	public String toString() {
		return this.name;
	}
}
