package io.pgautogen.spring;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;

import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.declaration.Declaration;
import io.pgautogen.plan.MigrationPlan;
import io.pgautogen.plan.Planner;
import io.pgautogen.writer.GeneratedMigrations;
import io.pgautogen.writer.MigrationWriter;
import io.pgautogen.writer.WriteResult;

/**
 * pgautogen in an application: plans the migration from the application's data source and its
 * declarations, and writes it. Nothing touches the database until {@link #plan()} or
 * {@link #write(String)} is called.
 */
public class PgAutogen {

	private static final Log logger = LogFactory.getLog(PgAutogen.class);

	private final Supplier<DataSource> dataSource;

	private final AtomicBoolean announced = new AtomicBoolean();

	private final Planner planner;

	private final PgAutogenDeclarations declarations;

	private final @Nullable MigrationWriter writer;

	/**
	 * @param dataSource the database to plan against
	 * @param planner the planner
	 * @param declarations where the declarations come from
	 * @param writer the writer, or {@code null} when writing is disabled
	 */
	public PgAutogen(DataSource dataSource, Planner planner, PgAutogenDeclarations declarations,
			@Nullable MigrationWriter writer) {
		this(() -> dataSource, planner, declarations, writer);
	}

	/**
	 * @param dataSource chooses the database to plan against when planning starts
	 * @param planner the planner
	 * @param declarations where the declarations come from
	 * @param writer the writer, or {@code null} when writing is disabled
	 */
	public PgAutogen(Supplier<DataSource> dataSource, Planner planner, PgAutogenDeclarations declarations,
			@Nullable MigrationWriter writer) {
		this.dataSource = dataSource;
		this.planner = planner;
		this.declarations = declarations;
		this.writer = writer;
	}

	/** Plans the migration from the database as it is now to the declarations. */
	public MigrationPlan plan() {
		List<Declaration> declared = this.declarations.load();
		DataSource target = this.dataSource.get();
		if (this.announced.compareAndSet(false, true)) {
			announce(target);
		}
		return this.planner.plan(target, declared);
	}

	/**
	 * Plans and writes the migration.
	 * @param description what the migration does, for its file name; {@code null} for one derived
	 * from the changes
	 * @throws WritingDisabledException when no writer is configured
	 */
	public WrittenMigration write(@Nullable String description) {
		if (this.writer == null) {
			throw new WritingDisabledException();
		}
		MigrationPlan plan = plan();
		WriteResult result = this.writer.write(plan, description);
		return new WrittenMigration(plan, result);
	}

	/**
	 * Kinds that migrations pgautogen wrote into the output directory change, but that {@code plan}
	 * no longer manages: their last declaration was removed, so their objects are left as they are.
	 */
	public Set<ObjectKind> noLongerManaged(MigrationPlan plan) {
		if (this.writer == null) {
			return Set.of();
		}
		Set<ObjectKind> kinds = EnumSet.noneOf(ObjectKind.class);
		kinds.addAll(GeneratedMigrations.kindsIn(this.writer.directory()));
		kinds.removeAll(plan.managedKinds());
		return kinds;
	}

	/** Says once which database pgautogen plans against: with several, it matters. */
	private static void announce(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			logger.info("pgautogen plans against " + connection.getMetaData().getURL() + " as "
					+ connection.getMetaData().getUserName());
		}
		catch (SQLException ex) {
			// planning reports the failure itself
		}
	}

	/** Whether {@link #write(String)} can write. */
	public boolean canWrite() {
		return this.writer != null;
	}

	/**
	 * A written migration and the plan it came from.
	 *
	 * @param plan the plan
	 * @param result what was written
	 */
	public record WrittenMigration(MigrationPlan plan, WriteResult result) {
	}
}
