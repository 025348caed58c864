package io.pgautogen.spring.actuate;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import io.pgautogen.diff.Change;
import io.pgautogen.plan.MigrationPlan;
import io.pgautogen.spring.PgAutogen;
import io.pgautogen.writer.WriteResult;

/**
 * {@link Endpoint @Endpoint} that shows the pending migration ({@code GET /actuator/pgautogen}) and
 * writes it ({@code POST}, optional JSON body {@code {"description": "…"}}). Read-only unless
 * {@code management.endpoint.pgautogen.access=unrestricted}: writing files is opt-in.
 */
@Endpoint(id = "pgautogen", defaultAccess = Access.READ_ONLY)
public class PgAutogenEndpoint {

	private static final org.apache.commons.logging.Log logger = org.apache.commons.logging.LogFactory
		.getLog(PgAutogenEndpoint.class);

	private final PgAutogen pgAutogen;

	public PgAutogenEndpoint(PgAutogen pgAutogen) {
		this.pgAutogen = pgAutogen;
	}

	/** The pending migration. */
	@ReadOperation
	public PlanDescriptor plan() {
		return PlanDescriptor.of(this.pgAutogen.plan());
	}

	/**
	 * Writes the pending migration.
	 * @param description what the migration does, for its file name; derived from the changes when
	 * absent
	 */
	@WriteOperation
	public WriteDescriptor write(@Nullable String description) {
		PgAutogen.WrittenMigration written = this.pgAutogen.write(description);
		WriteResult result = written.result();
		if (result.outcome() == WriteResult.Outcome.WRITTEN) {
			logger.info("pgautogen (POST /actuator/pgautogen): " + result.message());
		}
		List<String> files = (result.outcome() == WriteResult.Outcome.WRITTEN)
				? result.files().stream().map(Path::toString).toList() : List.of();
		return new WriteDescriptor(files, result.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), result.message(),
				PlanDescriptor.of(written.plan()));
	}

	/**
	 * The migration that brings the database to the declarations.
	 *
	 * @param inSync whether the database already matches the declarations
	 * @param verified whether the plan was proven: its upgrade, applied in the rolled-back planning
	 * transaction, leaves nothing to plan, and its downgrade gives back the starting catalog
	 * @param schemas the inspected schemas
	 * @param managed the managed kinds: {@code functions}, {@code triggers}
	 * @param changes the changed objects
	 * @param upgrade the upgrade statements, in order
	 * @param downgrade the downgrade statements, in order
	 */
	public record PlanDescriptor(boolean inSync, boolean verified, List<String> schemas, List<String> managed,
			List<ChangeDescriptor> changes, List<String> upgrade, List<String> downgrade) implements OperationResponseBody {

		static PlanDescriptor of(MigrationPlan plan) {
			return new PlanDescriptor(plan.inSync(), plan.verified(), plan.schemas(), plan.managedKindLabels(),
					plan.changes().stream().map(ChangeDescriptor::of).toList(), plan.upgrade(), plan.downgrade());
		}
	}

	/**
	 * One changed object.
	 *
	 * @param action {@code create}, {@code replace}, {@code recreate} or {@code drop}
	 * @param kind {@code function} or {@code trigger}
	 * @param identity the object's identity
	 * @param source the declaration, e.g. {@code db/pgautogen/audit.sql:1}, or {@code null}
	 * @param current the current definition, or {@code null}
	 * @param desired the declared definition, or {@code null}
	 * @param diff a unified diff from current to desired, or {@code null}
	 * @param reason why an unchanged object is recreated, or {@code null}
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record ChangeDescriptor(String action, String kind, String identity, @Nullable String source,
			@Nullable String current, @Nullable String desired, @Nullable String diff, @Nullable String reason) {

		static ChangeDescriptor of(Change change) {
			return new ChangeDescriptor(change.action().label(), change.kind().label(), change.identity(),
					(change.source() != null) ? change.source().toString() : null, change.currentDefinition(),
					change.desiredDefinition(), change.diff(), change.reason());
		}
	}

	/**
	 * What a write did.
	 *
	 * @param written paths of the files written, relative to the working directory when the output
	 * directory is
	 * @param outcome {@code written}, {@code in-sync} or {@code already-pending}
	 * @param message what happened, in a sentence
	 * @param plan the plan that was written
	 */
	public record WriteDescriptor(List<String> written, String outcome, String message,
			PlanDescriptor plan) implements OperationResponseBody {
	}
}
