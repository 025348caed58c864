package io.pgautogen.spring.actuate;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

import io.pgautogen.PgAutogenException;
import io.pgautogen.writer.MigrationWriteException;
import io.pgautogen.catalog.UnmanagedDependentsException;
import io.pgautogen.declaration.DeclarationException;
import io.pgautogen.spring.WritingDisabledException;

/**
 * Serves {@link PgAutogenEndpoint} over HTTP with statuses that say what went wrong, and the full
 * explanation in the body: 422 when the declarations cannot be planned, 409 when writing is
 * disabled, 500 when the migration cannot be written, 503 when the database cannot be read.
 */
@EndpointWebExtension(endpoint = PgAutogenEndpoint.class)
public class PgAutogenEndpointWebExtension {

	static final int UNPROCESSABLE = 422;

	static final int CONFLICT = 409;

	static final int INTERNAL_SERVER_ERROR = 500;

	private final PgAutogenEndpoint delegate;

	public PgAutogenEndpointWebExtension(PgAutogenEndpoint delegate) {
		this.delegate = delegate;
	}

	@ReadOperation
	public WebEndpointResponse<Object> plan() {
		return respond(this.delegate::plan);
	}

	@WriteOperation
	public WebEndpointResponse<Object> write(@Nullable String description) {
		return respond(() -> this.delegate.write(description));
	}

	private static WebEndpointResponse<Object> respond(Supplier<Object> operation) {
		try {
			return new WebEndpointResponse<>(operation.get());
		}
		catch (DeclarationException | UnmanagedDependentsException ex) {
			return error(UNPROCESSABLE, "declarations-cannot-be-planned", ex);
		}
		catch (WritingDisabledException ex) {
			return error(CONFLICT, "writing-disabled", ex);
		}
		catch (MigrationWriteException ex) {
			return error(INTERNAL_SERVER_ERROR, "write-failed", ex);
		}
		catch (PgAutogenException ex) {
			return error(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, "planning-failed", ex);
		}
	}

	private static WebEndpointResponse<Object> error(int status, String error, PgAutogenException ex) {
		return new WebEndpointResponse<>(new ErrorDescriptor(error, ex.getMessage()), status);
	}

	/**
	 * Why an operation failed.
	 *
	 * @param error what kind of failure
	 * @param message the full explanation, with what to do
	 */
	public record ErrorDescriptor(String error, String message) {
	}
}
