package io.pgautogen.plan;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import io.pgautogen.PgAutogenException;
import io.pgautogen.canonical.CanonicalCatalog;
import io.pgautogen.canonical.Canonicalizer;
import io.pgautogen.catalog.CatalogReader;
import io.pgautogen.catalog.CatalogRow;
import io.pgautogen.catalog.CatalogSnapshot;
import io.pgautogen.catalog.DependencyReader;
import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.catalog.Scope;
import io.pgautogen.catalog.ServerVersion;
import io.pgautogen.catalog.UnmanagedDependentsException;
import io.pgautogen.declaration.Declaration;
import io.pgautogen.declaration.DeclarationException;
import io.pgautogen.declaration.DeclarationStatements;
import io.pgautogen.declaration.DeclaredStatement;

/**
 * Plans the migration that brings a database to the declared functions, views, materialized views
 * and triggers, and back.
 * <p>
 * Everything happens in one transaction that is always rolled back: read the managed objects,
 * canonicalize the declarations in a sandbox, diff, and find what depends on objects that must be
 * dropped. The database is left exactly as it was, also when planning fails.
 *
 * <pre>{@code
 * MigrationPlan plan = new Planner(PlannerSettings.defaults()).plan(dataSource, List.of(
 *         PgFunction.of("CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql AS 'SELECT a + b'")));
 * plan.upgrade().forEach(System.out::println);
 * }</pre>
 */
public final class Planner {


	private final PlannerSettings settings;

	private final boolean verify;

	private final UnaryOperator<MigrationPlan> beforeVerification;

	/** A planner that proves every plan it returns (see {@link MigrationPlan#verified()}). */
	public Planner(PlannerSettings settings) {
		this(settings, true, UnaryOperator.identity());
	}

	private Planner(PlannerSettings settings, boolean verify, UnaryOperator<MigrationPlan> beforeVerification) {
		this.settings = settings;
		this.verify = verify;
		this.beforeVerification = beforeVerification;
	}

	/**
	 * This planner, proving plans or not. A proof applies the upgrade and the downgrade in the
	 * rolled-back planning transaction and plans once more: about twice the cost of a plan with
	 * changes; a plan without changes costs nothing more.
	 */
	public Planner withVerification(boolean verifyPlans) {
		return new Planner(this.settings, verifyPlans, this.beforeVerification);
	}

	/** This planner, passing each plan through {@code hook} before proving it: a seam for tests. */
	Planner withHookBeforeVerification(UnaryOperator<MigrationPlan> hook) {
		return new Planner(this.settings, this.verify, hook);
	}

	/**
	 * Plans against the database behind {@code dataSource}, using one connection.
	 * @throws DeclarationException when a declaration is invalid
	 * @throws UnmanagedDependentsException when an object that must be dropped is used by objects
	 * pgautogen cannot recreate
	 * @throws PlanningException when the database cannot be read
	 */
	public MigrationPlan plan(DataSource dataSource, List<? extends Declaration> declarations) {
		List<DeclaredStatement> declared = DeclarationStatements.prepare(declarations);
		Set<ObjectKind> kinds = managedKinds(declared);
		if (kinds.isEmpty()) {
			return new MigrationPlan(null, this.settings.schemas(), kinds, List.of(), List.of(), List.of(),
					PlanningTimings.NONE);
		}
		try (Connection connection = dataSource.getConnection()) {
			return plan(connection, true, declared, kinds);
		}
		catch (SQLException ex) {
			throw failure(ex);
		}
	}

	/**
	 * Plans using {@code connection}. In auto-commit mode the plan is made in a transaction of its own;
	 * otherwise inside a savepoint of the caller's transaction. Either way it is rolled back.
	 */
	public MigrationPlan plan(Connection connection, List<? extends Declaration> declarations) {
		List<DeclaredStatement> declared = DeclarationStatements.prepare(declarations);
		Set<ObjectKind> kinds = managedKinds(declared);
		if (kinds.isEmpty()) {
			return new MigrationPlan(null, this.settings.schemas(), kinds, List.of(), List.of(), List.of(),
					PlanningTimings.NONE);
		}
		try {
			return plan(connection, false, declared, kinds);
		}
		catch (SQLException ex) {
			throw failure(ex);
		}
	}

	private Set<ObjectKind> managedKinds(List<DeclaredStatement> declared) {
		Set<ObjectKind> kinds = EnumSet.noneOf(ObjectKind.class);
		kinds.addAll(this.settings.manage());
		declared.forEach(statement -> kinds.add(statement.declaration().kind()));
		return kinds;
	}

	private MigrationPlan plan(Connection connection, boolean owned, List<DeclaredStatement> declared,
			Set<ObjectKind> kinds) throws SQLException {
		return PlanAttempts.run(connection, this.settings.lockTimeout(),
				() -> planOnce(connection, owned, declared, kinds, this.verify));
	}

	private MigrationPlan planOnce(Connection connection, boolean owned, List<DeclaredStatement> declared,
			Set<ObjectKind> kinds, boolean verifyPlan) throws SQLException {
		try (PlanningTransaction transaction = PlanningTransaction.begin(connection, owned, this.settings.lockTimeout(),
				this.settings.statementTimeout())) {
			ServerVersion server = ServerVersion.of(connection);
			if (server.major() < ServerVersion.MINIMUM_MAJOR) {
				throw new PlanningException("PostgreSQL " + server.version() + " is not supported: pgautogen needs "
						+ ServerVersion.MINIMUM_MAJOR + " or later.");
			}
			long start = System.nanoTime();
			List<String> schemas = SchemaResolution.schemas(connection, this.settings.schemas());
			Scope scope = new Scope(schemas, kinds, this.settings.exclude());
			// Definitions are printed only for objects that turn out to change: in a database that is
			// nearly in sync, printing them all would be most of the cost of planning.
			List<CatalogRow> currentRows = new CatalogReader(connection).headers(schemas, kinds)
				.stream()
				.filter(row -> !scope.isExcluded(row.object().identity()))
				.toList();
			CatalogSnapshot current = CatalogSnapshot.of(currentRows);
			long read = System.nanoTime();
			Canonicalizer canonicalizer = new Canonicalizer(connection, server, scope, this.settings.lockTimeout(),
					this.settings.statementTimeout());
			CanonicalCatalog canonical = canonicalizer.canonicalize(declared, current, currentRows);
			boolean differs = canonical.differsFrom(current);
			Map<String, Set<String>> dependencies = differs
					? new DependencyReader(connection).usesByIdentity(canonical.desired(),
							oid -> current.identityOf(oid).or(() -> Optional.ofNullable(canonical.restored().get(oid))))
					: Map.of();
			canonicalizer.discard();
			long canonicalized = System.nanoTime();
			PlanAssembly.Assembled assembled = differs
					? new PlanAssembly(new PlanningContext(connection, server, scope)).plan(current, canonical, dependencies)
					: null;
			MigrationPlan plan = (assembled != null) ? assembled.plan()
					: new MigrationPlan(server, schemas, kinds, List.of(), List.of(), List.of(), PlanningTimings.NONE);
			if (verifyPlan && !plan.inSync()) {
				plan = new PlanVerifier(connection).verify(this.beforeVerification.apply(plan),
						assembled.recreatedByDowngradeOnly(), schemas, kinds,
						() -> planOnce(connection, false, declared, kinds, false));
			}
			PlanningTimings timings = new PlanningTimings(Duration.ofNanos(read - start),
					Duration.ofNanos(canonicalized - read), Duration.ofNanos(System.nanoTime() - canonicalized));
			return plan.withTimings(timings);
		}
	}

	private PgAutogenException failure(SQLException ex) {
		String action = switch (String.valueOf(ex.getSQLState())) {
			case "55P03" -> " Another session holds a lock planning needs: retry once it is done, or raise"
					+ " spring.pgautogen.lock-timeout.";
			case "53200" -> " Planning locks every declared view, materialized view and trigger table, and every"
					+ " object it drops, in one transaction: raise the server's max_locks_per_transaction (the lock"
					+ " table holds about max_locks_per_transaction x max_connections locks), or split the declarations"
					+ " over several schemas planned one at a time.";
			default -> " Check that the database is reachable and that the user may read its catalog.";
		};
		return new PlanningException("Could not plan: " + ex.getMessage() + " [SQLSTATE " + ex.getSQLState() + "]."
				+ action + " Nothing was changed.", ex);
	}

}
