package io.pgautogen.canonical;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.pgautogen.PgAutogenException;
import io.pgautogen.catalog.CatalogObject;
import io.pgautogen.catalog.CatalogReader;
import io.pgautogen.catalog.CatalogReader.Baseline;
import io.pgautogen.catalog.CatalogRow;
import io.pgautogen.catalog.CatalogSnapshot;
import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.catalog.Scope;
import io.pgautogen.catalog.ServerVersion;
import io.pgautogen.catalog.UnmanagedDependentsException;
import io.pgautogen.declaration.DeclarationException;
import io.pgautogen.declaration.DeclarationProblem;
import io.pgautogen.declaration.DeclarationSource;
import io.pgautogen.declaration.DeclaredStatement;
import io.pgautogen.kind.Kinds;

/**
 * Lets PostgreSQL parse the declarations: runs them inside a savepoint of the caller's transaction
 * (the sandbox), reads back every catalog row they wrote, and leaves the sandbox open for further
 * checks until {@link #discard()} rolls it back. No DDL parser of our own is involved.
 * <p>
 * Statements run functions first, then views, materialized views and their indexes, then triggers.
 * A statement that fails because it names an object declared later is retried once the others
 * exist, so declaration order never matters. Where PostgreSQL refuses to replace an existing object
 * in place (a changed result type, renamed parameter, removed default, function turned procedure,
 * constraint trigger, a view's column dropped, renamed or retyped), the existing object is
 * identified, dropped at the start of the sandbox, and the declarations run again: the object is
 * recorded as {@linkplain CanonicalCatalog#displaced() displaced}. Materialized views are always
 * created anew, {@code WITH NO DATA}: planning never runs a view's query.
 * <p>
 * The declared objects are found without parsing them: a {@code (oid, xmin)} baseline of the catalog
 * is taken first, and every row that is new or has another {@code xmin} afterwards was written by a
 * declaration. Rows are tied to declarations by the names the statements give, or where that is
 * ambiguous (overloads) by the order of the subtransactions that wrote them.
 */
public final class Canonicalizer {

	private static final String LOCK_NOT_AVAILABLE = "55P03";

	private static final String OUT_OF_SHARED_MEMORY = "53200";

	private static final String RECHECK_LOCK_TIMEOUT = "50ms";

	private static final String SANDBOX = "pgautogen_sandbox";

	private static final String PROBE = "pgautogen_probe";

	private final Connection connection;

	private final ServerVersion server;

	private final Scope scope;

	private final CatalogReader reader;

	private final SavepointBatch batch;

	private final Problems problems;

	private final Displacement displacement;

	private final StatementRounds rounds;

	private final Map<Long, CatalogRow> known = new HashMap<>();

	private boolean lockTimedOut;

	/**
	 * @param connection a connection inside the planning transaction
	 * @param server the server it talks to
	 * @param scope what is managed
	 * @param lockTimeout the lock timeout in force, for messages
	 * @param statementTimeout the statement timeout in force, for messages
	 */
	public Canonicalizer(Connection connection, ServerVersion server, Scope scope, Duration lockTimeout,
			Duration statementTimeout) {
		this.connection = connection;
		this.server = server;
		this.scope = scope;
		this.reader = new CatalogReader(connection);
		this.batch = new SavepointBatch(connection);
		this.problems = new Problems(lockTimeout, statementTimeout);
		this.displacement = new Displacement(connection, server);
		this.rounds = new StatementRounds(connection);
	}

	/**
	 * Runs the declarations in the sandbox and reads back their canonical form.
	 * @param declared the declarations
	 * @param current the managed objects as they are now
	 * @param currentRows the rows {@code current} was read from
	 * @throws DeclarationException when a declaration fails, collides with another one, or creates an
	 * object outside the scope
	 * @throws UnmanagedDependentsException when an object that must be displaced is used by an object
	 * pgautogen cannot recreate
	 */
	public CanonicalCatalog canonicalize(List<DeclaredStatement> declared, CatalogSnapshot current,
			List<CatalogRow> currentRows) throws SQLException {
		Sandbox sandbox = open(declared, currentRows);
		CanonicalCatalog fast = inOneBatch(sandbox, current);
		if (fast != null) {
			return fast;
		}
		execute("ROLLBACK TO SAVEPOINT " + SANDBOX);
		if (this.lockTimedOut) {
			// The batch has waited the whole lock timeout already; the careful pass only has to name
			// the statement that waits, and must not wait as long again. Rolling back to the sandbox
			// savepoint restores the timeout.
			execute("SET LOCAL lock_timeout = '" + RECHECK_LOCK_TIMEOUT + "'");
		}
		return carefully(sandbox, current);
	}

	/** {@link #canonicalize} on the fast path only: {@code null} where that path gives up. */
	CanonicalCatalog canonicalizeInOneBatch(List<DeclaredStatement> declared, CatalogSnapshot current,
			List<CatalogRow> currentRows) throws SQLException {
		return inOneBatch(open(declared, currentRows), current);
	}

	/** {@link #canonicalize} on the careful path only. */
	CanonicalCatalog canonicalizeCarefully(List<DeclaredStatement> declared, CatalogSnapshot current,
			List<CatalogRow> currentRows) throws SQLException {
		return carefully(open(declared, currentRows), current);
	}

	/** Opens the sandbox and takes the baseline the declared rows are told apart by. */
	private Sandbox open(List<DeclaredStatement> declared, List<CatalogRow> currentRows) throws SQLException {
		OneStatementGuard.requireExtendedProtocol(this.connection);
		currentRows.forEach(row -> this.known.put(row.oid(), row));
		List<PlannedStatement> statements = new ArrayList<>();
		Set<ObjectKind> kinds = EnumSet.noneOf(ObjectKind.class);
		for (DeclaredStatement statement : declared) {
			statements.add(new PlannedStatement(statement, this.server));
			kinds.add(statement.declaration().kind());
		}
		statements.sort(Comparator.comparingInt(PlannedStatement::rank));
		List<DeclarationProblem> unsendable = new ArrayList<>(DeclaredObjects.inSystemSchemas(declared));
		unsendable.addAll(OneStatementGuard.splitByDriver(statements.stream().map(p -> p.declared).toList(),
				sqlOf(statements)));
		if (!unsendable.isEmpty()) {
			throw new DeclarationException(unsendable);
		}
		execute("SAVEPOINT " + SANDBOX);
		return new Sandbox(declared, this.reader.baseline(), statements, kinds);
	}

	/**
	 * The common case, at the cost PostgreSQL sets: every statement in one batch, and rows tied to
	 * declarations by name. Returns {@code null} when anything goes wrong or is ambiguous (an error, a
	 * refused replacement, a statement naming an object declared after it, overloads, duplicates);
	 * the caller then rolls back and takes the careful path, one subtransaction per statement.
	 */
	private CanonicalCatalog inOneBatch(Sandbox sandbox, CatalogSnapshot current) throws SQLException {
		if (sandbox.declared().stream().anyMatch(statement -> statement.objectName() == null)) {
			return null;
		}
		List<PlannedStatement> round = withRestored(sandbox.statements(),
				this.displacement.dropBeforeDeclarations(Set.of(), current, sandbox.kinds()));
		execute("SET LOCAL check_function_bodies = on");
		try (Statement batch = this.connection.createStatement()) {
			batch.setEscapeProcessing(false);
			for (String sql : sqlOf(round)) {
				batch.addBatch(sql);
			}
			batch.executeBatch();
		}
		catch (SQLException ex) {
			SQLException cause = (ex.getNextException() != null) ? ex.getNextException() : ex;
			if (OUT_OF_SHARED_MEMORY.equals(cause.getSQLState())) {
				// The lock table is full: one statement at a time would fail the same way, only slower.
				throw cause;
			}
			this.lockTimedOut = LOCK_NOT_AVAILABLE.equals(cause.getSQLState());
			return null;
		}
		ReadBack readBack = readBack(sandbox, round, true);
		if (!readBack.attributed()) {
			return null;
		}
		requireInScope(readBack, sandbox);
		return catalog(readBack, Set.of());
	}

	/**
	 * One subtransaction per statement, so that each failure names its declaration, each refused
	 * replacement can be resolved, and each written row can be tied to its statement.
	 */
	private CanonicalCatalog carefully(Sandbox sandbox, CatalogSnapshot current) throws SQLException {
		List<PlannedStatement> statements;
		Set<String> displaced = new TreeSet<>();
		while (true) {
			sandbox.statements().forEach(PlannedStatement::reset);
			statements = withRestored(sandbox.statements(),
					this.displacement.dropBeforeDeclarations(displaced, current, sandbox.kinds()));
			this.rounds.run(statements);
			Set<String> conflicts = this.displacement.conflicts(statements, current, displaced);
			if (conflicts.isEmpty()) {
				break;
			}
			execute("ROLLBACK TO SAVEPOINT " + SANDBOX);
			displaced.addAll(conflicts);
			this.displacement.requireRecreatable(displaced, current);
		}
		List<PlannedStatement> failed = statements.stream().filter(p -> p.failure != null).toList();
		List<String> busy = failed.stream()
			.filter(p -> LOCK_NOT_AVAILABLE.equals(p.failure.getSQLState()))
			.map(p -> (p.declared != null) ? DeclaredObjects.lockTarget(p.declared) : p.restored.identity())
			.distinct()
			.toList();
		if (!busy.isEmpty()) {
			throw new LockTimeoutException(busy);
		}
		if (!failed.isEmpty()) {
			ReadBack readBack = failed.stream().anyMatch(PlannedStatement::refusedReplacement)
					? readBack(sandbox, statements, false) : null;
			throw new DeclarationException(FailureReport.problems(sandbox.declared(), failed, this.problems,
					(readBack != null && readBack.attributed()) ? readBack.rows() : null,
					(readBack != null) ? readBack.owners() : Map.of()));
		}
		ReadBack readBack = readBack(sandbox, statements, false);
		if (!readBack.attributed()) {
			List<DeclarationProblem> collisions = findCollisions(sandbox, statements, displaced, current);
			if (collisions.isEmpty()) {
				throw new PgAutogenException("Could not tell which declaration defines which object ("
						+ readBack.rows().size() + " objects written by " + sandbox.statements().size()
						+ " declarations). This is a bug in pgautogen; please report it.");
			}
			throw new DeclarationException(collisions);
		}
		requireInScope(readBack, sandbox);
		return catalog(readBack, displaced);
	}

	/** The declared statements and those that restore {@code restored}, in sandbox order. */
	private static List<PlannedStatement> withRestored(List<PlannedStatement> declared, List<CatalogObject> restored) {
		List<PlannedStatement> round = new ArrayList<>(declared);
		restored.forEach(object -> round.add(PlannedStatement.restoring(object)));
		round.sort(Comparator.comparingInt(PlannedStatement::rank));
		return round;
	}

	/**
	 * Reads back the rows of each declared kind and ties them to declarations; the rows of objects
	 * {@code round} restored are no declaration's and are left out.
	 */
	private ReadBack readBack(Sandbox sandbox, List<PlannedStatement> round, boolean byName) throws SQLException {
		Set<String> restored = new HashSet<>();
		round.stream().filter(p -> p.restored != null).forEach(p -> restored.add(p.restored.identity()));
		List<CatalogRow> rows = new ArrayList<>();
		Map<String, DeclaredStatement> owners = new LinkedHashMap<>();
		Map<Long, String> restoredOids = new HashMap<>();
		boolean attributed = true;
		for (ObjectKind kind : sandbox.kinds()) {
			List<PlannedStatement> ofKind = round.stream().filter(p -> p.objectKind() == kind).toList();
			List<CatalogRow> kindRows = new ArrayList<>();
			for (CatalogRow row : this.reader.changedSince(sandbox.baseline(), kind, this.known)) {
				if (restored.contains(row.object().identity())) {
					restoredOids.put(row.oid(), row.object().identity());
				}
				else {
					kindRows.add(row);
				}
			}
			rows.addAll(kindRows);
			attributed &= Attribution.attribute(kindRows, ofKind, owners, byName);
		}
		return new ReadBack(rows, owners, restoredOids, attributed);
	}

	private void requireInScope(ReadBack readBack, Sandbox sandbox) throws SQLException {
		List<DeclarationProblem> found = new ArrayList<>(Attribution.outOfScope(readBack.rows(), readBack.owners(),
				this.scope));
		found.addAll(IndexPlacement.misplaced(this.connection, sandbox.statements(), readBack.owners()));
		if (!found.isEmpty()) {
			throw new DeclarationException(found);
		}
	}

	private CanonicalCatalog catalog(ReadBack readBack, Set<String> displaced) {
		Set<String> unchanged = new HashSet<>();
		List<CatalogRow> rows = new ArrayList<>();
		Map<String, DeclarationSource> sources = new LinkedHashMap<>();
		for (CatalogRow row : readBack.rows()) {
			String identity = row.object().identity();
			if (this.known.get(row.oid()) == row) {
				unchanged.add(identity);
			}
			DeclaredStatement owner = readBack.owners().get(identity);
			CatalogObject object = row.object();
			if (owner != null) {
				sources.put(identity, owner.declaration().source());
				object = Kinds.of(object.kind()).declared(object, owner.head());
			}
			rows.add((object == row.object()) ? row : new CatalogRow(row.oid(), object, row.contentHash()));
		}
		return new CanonicalCatalog(CatalogSnapshot.of(rows), sources, displaced, unchanged, readBack.restored());
	}

	/**
	 * Runs the declarations again one at a time, naming the object each one writes, to report which
	 * declarations define the same object.
	 */
	private List<DeclarationProblem> findCollisions(Sandbox sandbox, List<PlannedStatement> round,
			Set<String> displaced, CatalogSnapshot current) throws SQLException {
		execute("ROLLBACK TO SAVEPOINT " + SANDBOX);
		this.displacement.dropBeforeDeclarations(displaced, current, sandbox.kinds());
		execute("SET LOCAL check_function_bodies = off");
		Map<String, PlannedStatement> owners = new HashMap<>();
		List<DeclarationProblem> collisions = new ArrayList<>();
		List<PlannedStatement> ordered = round.stream()
			.sorted(Comparator.comparingInt(p -> p.sequence))
			.toList();
		for (PlannedStatement planned : ordered) {
			execute("SAVEPOINT " + PROBE);
			try (Statement statement = this.connection.createStatement()) {
				statement.setEscapeProcessing(false);
				statement.addBatch(planned.sent.sql());
				statement.executeBatch();
			}
			execute("RELEASE SAVEPOINT " + PROBE);
			if (!planned.createsObject()) {
				continue;
			}
			String identity = this.reader.latestWritten(planned.objectKind());
			PlannedStatement owner = owners.putIfAbsent(identity, planned);
			if (owner != null) {
				collisions.add(Attribution.collision(planned.declared, identity, owner.declared.declaration().source()));
			}
		}
		return collisions;
	}

	/** Rolls the sandbox back: the catalog is again exactly what it was before {@link #canonicalize}. */
	public void discard() throws SQLException {
		execute("ROLLBACK TO SAVEPOINT " + SANDBOX);
		execute("RELEASE SAVEPOINT " + SANDBOX);
	}

	private void execute(String sql) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static List<String> sqlOf(List<PlannedStatement> statements) {
		return statements.stream().map(planned -> planned.sent.sql()).toList();
	}

	/** The declarations about to run in the sandbox, and the catalog as it was when it opened. */
	private record Sandbox(List<DeclaredStatement> declared, Baseline baseline, List<PlannedStatement> statements,
			Set<ObjectKind> kinds) {
	}

	/** The rows the declarations wrote, and which declaration wrote each (complete when attributed). */
	private record ReadBack(List<CatalogRow> rows, Map<String, DeclaredStatement> owners, Map<Long, String> restored,
			boolean attributed) {
	}
}
