package io.pgautogen.canonical;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import io.pgautogen.PgAutogenException;
import io.pgautogen.catalog.CatalogObject;
import io.pgautogen.catalog.CatalogReader;
import io.pgautogen.catalog.CatalogReader.Baseline;
import io.pgautogen.catalog.CatalogRow;
import io.pgautogen.catalog.CatalogSnapshot;
import io.pgautogen.catalog.Dependent;
import io.pgautogen.catalog.DependentsReader;
import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.catalog.Scope;
import io.pgautogen.catalog.ServerVersion;
import io.pgautogen.catalog.UnmanagedDependentsException;
import io.pgautogen.declaration.DeclarationException;
import io.pgautogen.declaration.DeclarationProblem;
import io.pgautogen.declaration.DeclarationSource;
import io.pgautogen.declaration.DeclaredStatement;

/**
 * Lets PostgreSQL parse the declarations: runs them inside a savepoint of the caller's transaction
 * (the sandbox), reads back every catalog row they wrote, and leaves the sandbox open for further
 * checks until {@link #discard()} rolls it back. No DDL parser of our own is involved.
 * <p>
 * Functions run before triggers, each statement under its own savepoint so that a failure names its
 * declaration. A function that fails because it calls a function declared later is retried once the
 * others exist, so declaration order never matters. Where {@code CREATE OR REPLACE} is refused (a
 * changed result type, renamed parameter, removed default, function turned procedure, constraint
 * trigger), the existing object is identified, dropped at the start of the sandbox, and the
 * declarations run again: the object is recorded as {@linkplain CanonicalCatalog#displaced()
 * displaced}.
 * <p>
 * The declared objects are found without parsing them: a {@code (oid, xmin)} baseline of the catalog
 * is taken first, and every row that is new or has another {@code xmin} afterwards was written by a
 * declaration. Each statement runs in its own subtransaction, so ordering those rows by
 * {@code xmin} ties each to the statement that wrote it.
 */
public final class Canonicalizer {

	private static final Set<String> ROUTINE_CONFLICTS = Set.of("42P13", "42809");

	private static final Set<String> TRIGGER_CONFLICTS = Set.of("42710", "42809");

	private static final String UNDEFINED_FUNCTION = "42883";

	private static final String LOCK_NOT_AVAILABLE = "55P03";

	private static final String RECHECK_LOCK_TIMEOUT = "50ms";

	private static final String SANDBOX = "pgautogen_sandbox";

	private static final String PROBE = "pgautogen_probe";

	private final Connection connection;

	private final ServerVersion server;

	private final Scope scope;

	private final CatalogReader reader;

	private final SavepointBatch batch;

	private final Problems problems;

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
		List<Planned> functions = new ArrayList<>();
		List<Planned> triggers = new ArrayList<>();
		for (DeclaredStatement statement : declared) {
			if (statement.declaration().kind() == ObjectKind.FUNCTION) {
				functions.add(new Planned(statement, new SentStatement(statement.head(), true)));
			}
			else {
				boolean orReplace = this.server.supportsCreateOrReplaceTrigger()
						&& statement.head().objectType().equals("trigger");
				triggers.add(new Planned(statement, new SentStatement(statement.head(), orReplace)));
			}
		}
		List<Planned> all = concat(functions, triggers);
		List<DeclarationProblem> unsendable = new ArrayList<>(DeclaredObjects.inSystemSchemas(declared));
		unsendable.addAll(OneStatementGuard.splitByDriver(statements(all), sqlOf(all)));
		if (!unsendable.isEmpty()) {
			throw new DeclarationException(unsendable);
		}
		execute("SAVEPOINT " + SANDBOX);
		Baseline baseline = this.reader.baseline();
		return new Sandbox(declared, baseline, functions, triggers);
	}

	/**
	 * One subtransaction per statement, so that each failure names its declaration, each refused
	 * replacement can be resolved, and each written row can be tied to its statement.
	 */
	private CanonicalCatalog carefully(Sandbox sandbox, CatalogSnapshot current) throws SQLException {
		List<DeclaredStatement> declared = sandbox.declared();
		Baseline baseline = sandbox.baseline();
		List<Planned> functions = sandbox.functions();
		List<Planned> triggers = sandbox.triggers();
		Set<String> displaced = new TreeSet<>();
		while (true) {
			functions.forEach(Planned::reset);
			triggers.forEach(Planned::reset);
			dropDisplaced(displaced, current, !triggers.isEmpty());
			Sequence sequence = new Sequence();
			runFunctions(functions, sequence);
			Set<String> conflicts = resolveConflicts(functions, current, ObjectKind.FUNCTION, displaced);
			if (conflicts.isEmpty() && functions.stream().allMatch(Planned::succeeded)) {
				runStatements(triggers, sequence);
				conflicts = resolveConflicts(triggers, current, ObjectKind.TRIGGER, displaced);
			}
			if (conflicts.isEmpty()) {
				break;
			}
			execute("ROLLBACK TO SAVEPOINT " + SANDBOX);
			displaced.addAll(conflicts);
			requireRecreatable(displaced, current);
		}
		List<Planned> failed = concat(functions, triggers).stream().filter(p -> p.failure != null).toList();
		List<String> busy = failed.stream()
			.filter(p -> LOCK_NOT_AVAILABLE.equals(p.failure.getSQLState()))
			.map(p -> DeclaredObjects.lockTarget(p.declared))
			.distinct()
			.toList();
		if (!busy.isEmpty()) {
			throw new LockTimeoutException(busy);
		}
		if (!failed.isEmpty()) {
			throw new DeclarationException(failureProblems(declared, failed, baseline, functions, triggers));
		}
		List<CatalogRow> functionRows = readBack(baseline, ObjectKind.FUNCTION, functions);
		List<CatalogRow> triggerRows = readBack(baseline, ObjectKind.TRIGGER, triggers);
		Map<String, DeclarationSource> sources = new LinkedHashMap<>();
		List<DeclarationProblem> collisions = new ArrayList<>();
		boolean attributed = attribute(functionRows, functions, sources) & attribute(triggerRows, triggers, sources);
		if (!attributed) {
			collisions.addAll(findCollisions(functions, triggers, displaced, current));
		}
		if (!attributed && collisions.isEmpty()) {
			throw new PgAutogenException("Could not tell which declaration defines which object (" + functionRows.size()
					+ " functions and " + triggerRows.size() + " triggers written by " + functions.size() + " and "
					+ triggers.size() + " declarations). This is a bug in pgautogen; please report it.");
		}
		collisions.addAll(outOfScope(functionRows, triggerRows, sources));
		if (!collisions.isEmpty()) {
			throw new DeclarationException(collisions);
		}
		List<CatalogRow> rows = concat(functionRows, triggerRows);
		CatalogSnapshot desired = CatalogSnapshot.of(rows);
		return new CanonicalCatalog(desired, sources, displaced, unchanged(rows));
	}

	/**
	 * The common case, at the cost PostgreSQL sets: every statement in one batch, and rows tied to
	 * declarations by name. Returns {@code null} when anything goes wrong or is ambiguous (an error, a
	 * refused replacement, a function calling one not created yet, overloads, duplicates); the caller
	 * then rolls back and takes the careful path, one subtransaction per statement.
	 */
	private CanonicalCatalog inOneBatch(Sandbox sandbox, CatalogSnapshot current) throws SQLException {
		List<Planned> functions = sandbox.functions();
		List<Planned> triggers = sandbox.triggers();
		Baseline baseline = sandbox.baseline();
		if (sandbox.declared().stream().anyMatch(statement -> statement.objectName() == null)) {
			return null;
		}
		dropDisplaced(Set.of(), current, !triggers.isEmpty());
		execute("SET LOCAL check_function_bodies = on");
		try (Statement batch = this.connection.createStatement()) {
			batch.setEscapeProcessing(false);
			for (Planned planned : concat(functions, triggers)) {
				batch.addBatch(planned.sent.sql());
			}
			batch.executeBatch();
		}
		catch (SQLException ex) {
			SQLException cause = (ex.getNextException() != null) ? ex.getNextException() : ex;
			this.lockTimedOut = LOCK_NOT_AVAILABLE.equals(cause.getSQLState());
			return null;
		}
		List<CatalogRow> functionRows = readBack(baseline, ObjectKind.FUNCTION, functions);
		List<CatalogRow> triggerRows = readBack(baseline, ObjectKind.TRIGGER, triggers);
		Map<String, DeclarationSource> sources = new LinkedHashMap<>();
		if (!NameAttribution.attribute(functionRows, statements(functions), sources)
				|| !NameAttribution.attribute(triggerRows, statements(triggers), sources)) {
			return null;
		}
		List<DeclarationProblem> problems = outOfScope(functionRows, triggerRows, sources);
		if (!problems.isEmpty()) {
			throw new DeclarationException(problems);
		}
		List<CatalogRow> rows = concat(functionRows, triggerRows);
		return new CanonicalCatalog(CatalogSnapshot.of(rows), sources, Set.of(), unchanged(rows));
	}

	private static List<DeclaredStatement> statements(List<Planned> planned) {
		return planned.stream().map(p -> p.declared).toList();
	}

	/**
	 * Describes failed declarations in declaration order. A statement PostgreSQL refused to run over
	 * an object that another declaration had just created is reported as a duplicate of that one.
	 */
	private List<DeclarationProblem> failureProblems(List<DeclaredStatement> declared, List<Planned> failed,
			Baseline baseline, List<Planned> functions, List<Planned> triggers) throws SQLException {
		Map<Planned, DeclarationProblem> duplicates = new HashMap<>();
		if (failed.stream().anyMatch(Planned::refusedReplacement)) {
			Map<String, DeclarationSource> sources = new HashMap<>();
			List<CatalogRow> rows = concat(readBack(baseline, ObjectKind.FUNCTION, functions),
					readBack(baseline, ObjectKind.TRIGGER, triggers));
			if (attribute(rows.stream().filter(r -> r.object().kind() == ObjectKind.FUNCTION).toList(), functions, sources)
					&& attribute(rows.stream().filter(r -> r.object().kind() == ObjectKind.TRIGGER).toList(), triggers, sources)) {
				for (Planned planned : failed) {
					if (planned.refusedReplacement()) {
						duplicateOf(planned, rows, sources).ifPresent(problem -> duplicates.put(planned, problem));
					}
				}
			}
		}
		List<DeclarationProblem> problems = new ArrayList<>();
		for (DeclaredStatement statement : declared) {
			for (Planned planned : failed) {
				if (planned.declared == statement) {
					problems.add(duplicates.containsKey(planned) ? duplicates.get(planned)
							: this.problems.of(statement, planned.sent, planned.failure));
				}
			}
		}
		return problems;
	}

	private static java.util.Optional<DeclarationProblem> duplicateOf(Planned planned, List<CatalogRow> rows,
			Map<String, DeclarationSource> sources) {
		String error = errorText(planned.failure);
		ObjectKind kind = planned.declared.declaration().kind();
		List<CatalogRow> named = rows.stream()
			.filter(row -> row.object().kind() == kind && error.contains(row.object().name()))
			.toList();
		CatalogRow match = named.stream()
			.filter(row -> error.contains(row.object().identity().substring(row.object().identity().indexOf('.') + 1)))
			.findFirst()
			.orElse(named.isEmpty() ? null : named.get(0));
		if (match == null) {
			return java.util.Optional.empty();
		}
		return java.util.Optional.of(DeclarationProblem.of(planned.declared.declaration().source().toString(),
				"defines " + match.object().identity() + ", which " + sources.get(match.object().identity())
						+ " defines too",
				"Keep one of the two declarations."));
	}

	/**
	 * Finds which replaced functions could not be turned back with {@code CREATE OR REPLACE}: in a
	 * savepoint of its own, each declared version is created over the existing one, then the existing
	 * definition is run over it. Runs after {@link #discard()}; leaves nothing behind.
	 * @param existing the functions as they are
	 * @param declared their declared versions, in the same order
	 * @return identities that cannot be restored in place (also when the check itself cannot run)
	 */
	public Set<String> irreplaceable(List<CatalogObject> existing, List<CatalogObject> declared) throws SQLException {
		if (existing.isEmpty()) {
			return Set.of();
		}
		execute("SAVEPOINT " + PROBE);
		try {
			execute("SET LOCAL check_function_bodies = off");
			List<SQLException> forward = this.batch.run(declared.stream().map(CatalogObject::definition).toList());
			List<CatalogObject> replaced = new ArrayList<>();
			Set<String> irreplaceable = new TreeSet<>();
			for (int i = 0; i < existing.size(); i++) {
				if (forward.get(i) == null) {
					replaced.add(existing.get(i));
				}
				else {
					irreplaceable.add(existing.get(i).identity());
				}
			}
			List<SQLException> back = this.batch.run(replaced.stream().map(CatalogObject::definition).toList());
			for (int i = 0; i < replaced.size(); i++) {
				if (back.get(i) != null && ROUTINE_CONFLICTS.contains(back.get(i).getSQLState())) {
					irreplaceable.add(replaced.get(i).identity());
				}
			}
			return irreplaceable;
		}
		finally {
			execute("ROLLBACK TO SAVEPOINT " + PROBE);
			execute("RELEASE SAVEPOINT " + PROBE);
		}
	}

	/** Rolls the sandbox back: the catalog is again exactly what it was before {@link #canonicalize}. */
	public void discard() throws SQLException {
		execute("ROLLBACK TO SAVEPOINT " + SANDBOX);
		execute("RELEASE SAVEPOINT " + SANDBOX);
	}

	private void dropDisplaced(Set<String> displaced, CatalogSnapshot current, boolean triggersDeclared)
			throws SQLException {
		List<CatalogObject> dropped = new ArrayList<>();
		List<String> drops = new ArrayList<>();
		for (String identity : displaced) {
			current.find(identity).ifPresent(object -> {
				dropped.add(object);
				drops.add(object.dropIfExistsStatement() + " CASCADE");
			});
		}
		if (triggersDeclared) {
			// Without CREATE OR REPLACE TRIGGER (13), and for constraint triggers (never replaceable),
			// declared triggers can only be created once the existing ones are gone.
			for (CatalogObject object : current.objects()) {
				if (object.kind() == ObjectKind.TRIGGER && !displaced.contains(object.identity())
						&& (object.constraintTrigger() || !this.server.supportsCreateOrReplaceTrigger())) {
					dropped.add(object);
					drops.add(object.dropIfExistsStatement());
				}
			}
		}
		List<SQLException> outcomes = this.batch.run(drops);
		for (int i = 0; i < drops.size(); i++) {
			SQLException failure = outcomes.get(i);
			if (failure != null && LOCK_NOT_AVAILABLE.equals(failure.getSQLState())) {
				CatalogObject object = dropped.get(i);
				throw new LockTimeoutException(List.of((object.kind() == ObjectKind.TRIGGER)
						? object.identity().substring(0, object.identity().lastIndexOf('.')) : object.identity()));
			}
			if (failure != null) {
				throw new PgAutogenException("Could not run '" + drops.get(i) + "' in the rolled-back sandbox: "
						+ failure.getMessage() + "\nWhat to do: fix what PostgreSQL reports, then plan again."
						+ " Nothing was changed.", failure);
			}
		}
	}

	private void runFunctions(List<Planned> functions, Sequence sequence) throws SQLException {
		execute("SET LOCAL check_function_bodies = on");
		List<Planned> pending = functions;
		while (!pending.isEmpty()) {
			List<Planned> deferred = new ArrayList<>();
			boolean progress = false;
			List<SQLException> outcomes = this.batch.run(sqlOf(pending));
			for (int i = 0; i < pending.size(); i++) {
				Planned planned = pending.get(i);
				planned.record(outcomes.get(i), sequence);
				progress |= planned.succeeded();
				if (!planned.succeeded() && UNDEFINED_FUNCTION.equals(planned.failure.getSQLState())) {
					deferred.add(planned);
				}
			}
			if (!progress && !deferred.isEmpty()) {
				createMutuallyDependent(deferred, sequence);
				return;
			}
			pending = deferred;
		}
	}

	/**
	 * Functions that call each other cannot be created one by one while bodies are checked: create
	 * them unchecked, then check each once all exist.
	 */
	private void createMutuallyDependent(List<Planned> stuck, Sequence sequence) throws SQLException {
		execute("SET LOCAL check_function_bodies = off");
		List<SQLException> unchecked = this.batch.run(sqlOf(stuck));
		execute("SET LOCAL check_function_bodies = on");
		List<Planned> created = new ArrayList<>();
		for (int i = 0; i < stuck.size(); i++) {
			if (unchecked.get(i) == null) {
				created.add(stuck.get(i));
			}
			else {
				stuck.get(i).failure = unchecked.get(i);
			}
		}
		runStatements(created, sequence);
	}

	private void runStatements(List<Planned> statements, Sequence sequence) throws SQLException {
		List<SQLException> outcomes = this.batch.run(sqlOf(statements));
		for (int i = 0; i < statements.size(); i++) {
			statements.get(i).record(outcomes.get(i), sequence);
		}
	}

	/**
	 * For each statement PostgreSQL refused to run over an existing object, finds that object and
	 * checks that dropping it lets the statement run.
	 * @return identities of the objects to displace
	 */
	private Set<String> resolveConflicts(List<Planned> statements, CatalogSnapshot current, ObjectKind kind,
			Set<String> displaced) throws SQLException {
		Set<String> conflicts = new TreeSet<>();
		Set<String> codes = (kind == ObjectKind.FUNCTION) ? ROUTINE_CONFLICTS : TRIGGER_CONFLICTS;
		for (Planned planned : statements) {
			if (planned.failure == null || !codes.contains(planned.failure.getSQLState())) {
				continue;
			}
			String error = errorText(planned.failure);
			for (CatalogObject candidate : current.objects()) {
				if (candidate.kind() == kind && !displaced.contains(candidate.identity())
						&& !conflicts.contains(candidate.identity()) && error.contains(candidate.name())
						&& runsAfterDropping(candidate, planned.sent.sql())) {
					conflicts.add(candidate.identity());
					break;
				}
			}
		}
		return conflicts;
	}

	private boolean runsAfterDropping(CatalogObject existing, String statement) throws SQLException {
		execute("SAVEPOINT " + PROBE);
		try (Statement probe = this.connection.createStatement()) {
			probe.setEscapeProcessing(false);
			probe.execute("SET LOCAL check_function_bodies = off");
			probe.execute(existing.dropStatement() + " CASCADE");
			probe.addBatch(statement);
			probe.executeBatch();
			return true;
		}
		catch (SQLException ex) {
			return false;
		}
		finally {
			execute("ROLLBACK TO SAVEPOINT " + PROBE);
			execute("RELEASE SAVEPOINT " + PROBE);
		}
	}

	/** Displacing a function drops what depends on it; only functions and triggers can be recreated. */
	private void requireRecreatable(Set<String> displaced, CatalogSnapshot current) throws SQLException {
		Map<Long, String> functions = new HashMap<>();
		for (String identity : displaced) {
			current.find(identity)
				.filter(object -> object.kind() == ObjectKind.FUNCTION)
				.flatMap(object -> current.oidOf(identity))
				.ifPresent(oid -> functions.put(oid, identity));
		}
		Map<String, List<String>> blocking = new TreeMap<>();
		for (Dependent dependent : new DependentsReader(this.connection).dependentsOf(functions.keySet())) {
			if (dependent.type() == Dependent.Type.OTHER) {
				String function = functions.getOrDefault(dependent.dependsOn(), "a function it depends on");
				blocking.computeIfAbsent(function, f -> new ArrayList<>()).add(dependent.description());
			}
		}
		if (!blocking.isEmpty()) {
			throw new UnmanagedDependentsException(blocking);
		}
	}

	private List<CatalogRow> readBack(Baseline baseline, ObjectKind kind, List<Planned> statements)
			throws SQLException {
		return statements.isEmpty() ? List.of() : this.reader.changedSince(baseline, kind, this.known);
	}

	/**
	 * Pairs rows with statements: the rows come in the order of the subtransactions that wrote them,
	 * which is the order in which the statements last succeeded.
	 * @return false when the numbers differ, which means two declarations wrote the same row
	 */
	private static boolean attribute(List<CatalogRow> rows, List<Planned> statements,
			Map<String, DeclarationSource> sources) {
		List<Planned> ordered = statements.stream()
			.filter(Planned::succeeded)
			.sorted(Comparator.comparingInt(p -> p.sequence))
			.toList();
		if (rows.size() != ordered.size()) {
			return false;
		}
		for (int i = 0; i < rows.size(); i++) {
			sources.put(rows.get(i).object().identity(), ordered.get(i).declared.declaration().source());
		}
		return true;
	}

	/**
	 * Runs the declarations again one at a time, naming the object each one writes, to report which
	 * declarations define the same object.
	 */
	private List<DeclarationProblem> findCollisions(List<Planned> functions, List<Planned> triggers,
			Set<String> displaced, CatalogSnapshot current) throws SQLException {
		execute("ROLLBACK TO SAVEPOINT " + SANDBOX);
		dropDisplaced(displaced, current, !triggers.isEmpty());
		execute("SET LOCAL check_function_bodies = off");
		Map<String, Planned> owners = new HashMap<>();
		List<DeclarationProblem> collisions = new ArrayList<>();
		for (Planned planned : concat(sortedBySequence(functions), sortedBySequence(triggers))) {
			execute("SAVEPOINT " + PROBE);
			try (Statement statement = this.connection.createStatement()) {
				statement.setEscapeProcessing(false);
				statement.addBatch(planned.sent.sql());
				statement.executeBatch();
			}
			execute("RELEASE SAVEPOINT " + PROBE);
			String identity = this.reader.latestWritten(planned.declared.declaration().kind());
			Planned owner = owners.putIfAbsent(identity, planned);
			if (owner != null) {
				collisions.add(DeclarationProblem.of(planned.declared.declaration().source().toString(),
						"defines " + identity + ", which " + owner.declared.declaration().source() + " defines too",
						"Keep one of the two declarations."));
			}
		}
		return collisions;
	}

	private List<DeclarationProblem> outOfScope(List<CatalogRow> functionRows, List<CatalogRow> triggerRows,
			Map<String, DeclarationSource> sources) {
		List<DeclarationProblem> problems = new ArrayList<>();
		for (CatalogRow row : concat(functionRows, triggerRows)) {
			CatalogObject object = row.object();
			DeclarationSource source = sources.get(object.identity());
			String location = (source != null) ? source.toString() : object.identity();
			if (!this.scope.schemas().contains(object.schema())) {
				problems.add(DeclarationProblem.of(location,
						"defines " + object.identity() + " in schema '" + object.schema()
								+ "', which is not one of the inspected schemas " + this.scope.schemas(),
						"Add '" + object.schema() + "' to spring.pgautogen.schemas, or declare the object in an"
								+ " inspected schema."));
			}
			else if (this.scope.isExcluded(object.identity())) {
				problems.add(DeclarationProblem.of(location,
						"defines " + object.identity() + ", which matches the exclusion pattern '"
								+ this.scope.excludingPattern(object.identity()) + "'",
						"Remove the declaration, or the pattern from spring.pgautogen.exclude."));
			}
		}
		return problems;
	}

	/** Identities of the rows read back as the very rows that exist now (see {@link CatalogReader#changedSince}). */
	private Set<String> unchanged(List<CatalogRow> rows) {
		Set<String> unchanged = new HashSet<>();
		for (CatalogRow row : rows) {
			if (this.known.get(row.oid()) == row) {
				unchanged.add(row.object().identity());
			}
		}
		return unchanged;
	}

	/**
	 * What each declared object depends on, read from {@code pg_depend} in the sandbox: the functions
	 * a SQL-standard body, an argument default, a trigger or its {@code WHEN} clause uses. Must run
	 * before {@link #discard()}.
	 * @return identity to the identities of the functions it depends on
	 */
	public Map<String, Set<String>> dependencies(CanonicalCatalog canonical, CatalogSnapshot current)
			throws SQLException {
		CatalogSnapshot desired = canonical.desired();
		Map<ObjectKind, List<Long>> oids = new HashMap<>();
		Map<Long, CatalogObject> objects = new HashMap<>();
		for (CatalogObject object : desired.objects()) {
			long oid = desired.oidOf(object.identity()).orElseThrow();
			oids.computeIfAbsent(object.kind(), kind -> new ArrayList<>()).add(oid);
			objects.put(oid, object);
		}
		Map<ObjectKind, Map<Long, Set<Long>>> byOid = this.reader.functionDependencies(
				oids.getOrDefault(ObjectKind.FUNCTION, List.of()), oids.getOrDefault(ObjectKind.TRIGGER, List.of()));
		Map<String, Set<String>> dependencies = new TreeMap<>();
		for (Map.Entry<Long, CatalogObject> entry : objects.entrySet()) {
			CatalogObject object = entry.getValue();
			Set<String> names = new TreeSet<>();
			for (Long oid : byOid.get(object.kind()).getOrDefault(entry.getKey(), Set.of())) {
				desired.identityOf(oid).or(() -> current.identityOf(oid)).ifPresent(names::add);
			}
			names.remove(object.identity());
			if (!names.isEmpty()) {
				dependencies.put(object.identity(), names);
			}
		}
		return dependencies;
	}

	private void execute(String sql) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String errorText(SQLException error) {
		if (error instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
			ServerErrorMessage server = psql.getServerErrorMessage();
			return server.getMessage() + "\n" + server.getDetail() + "\n" + server.getHint();
		}
		return String.valueOf(error.getMessage());
	}

	private static List<String> sqlOf(List<Planned> statements) {
		return statements.stream().map(planned -> planned.sent.sql()).toList();
	}

	private static List<Planned> sortedBySequence(List<Planned> statements) {
		return statements.stream().sorted(Comparator.comparingInt(p -> p.sequence)).toList();
	}

	private static <T> List<T> concat(List<T> first, List<T> second) {
		List<T> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	/** The declarations about to run in the sandbox, and the catalog as it was when it opened. */
	private record Sandbox(List<DeclaredStatement> declared, Baseline baseline, List<Planned> functions,
			List<Planned> triggers) {
	}

	/** Counts successful statement runs; later runs rewrite rows with later transaction ids. */
	private static final class Sequence {

		private int next;
	}

	/** One declaration's statement and how its latest run went. */
	private static final class Planned {

		private final DeclaredStatement declared;

		private final SentStatement sent;

		private SQLException failure;

		private int sequence = -1;

		Planned(DeclaredStatement declared, SentStatement sent) {
			this.declared = declared;
			this.sent = sent;
		}

		void reset() {
			this.failure = null;
			this.sequence = -1;
		}

		void record(SQLException outcome, Sequence counter) {
			this.failure = outcome;
			if (outcome == null) {
				this.sequence = counter.next++;
			}
		}

		boolean succeeded() {
			return this.failure == null && this.sequence >= 0;
		}

		/** Whether PostgreSQL refused to replace an existing object with this statement's. */
		boolean refusedReplacement() {
			Set<String> codes = (this.declared.declaration().kind() == ObjectKind.FUNCTION) ? ROUTINE_CONFLICTS
					: TRIGGER_CONFLICTS;
			return this.failure != null && codes.contains(this.failure.getSQLState());
		}
	}
}
