package io.pgautogen.spring.actuate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.env.Environment;

/**
 * Makes {@code POST /actuator/pgautogen} say what it needs: while the endpoint is read-only (the
 * default), a POST gets a 405 whose body names the property that allows writing, instead of an empty
 * one; and a POST without a body needs no content type (actuator wants JSON for the optional
 * {@code description}).
 */
public class PgAutogenWriteRequestFilter implements Filter {

	private static final String ACCESS = "management.endpoint.pgautogen.access";

	private final String path;

	private final Environment environment;

	/**
	 * @param path the endpoint's path, e.g. {@code /actuator/pgautogen}
	 * @param environment where the endpoint's access is configured
	 */
	public PgAutogenWriteRequestFilter(String path, Environment environment) {
		this.path = path;
		this.environment = environment;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (!(request instanceof HttpServletRequest http) || !"POST".equals(http.getMethod())
				|| !this.path.equals(http.getRequestURI().substring(http.getContextPath().length()))) {
			chain.doFilter(request, response);
			return;
		}
		if (!writable()) {
			HttpServletResponse refusal = (HttpServletResponse) response;
			refusal.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
			refusal.setHeader("Allow", "GET");
			refusal.setContentType("application/json");
			refusal.getOutputStream().write(("{\"error\":\"writing-not-allowed\",\"message\":\"POST " + this.path
					+ " writes migration files, which is off by default. Set " + ACCESS
					+ "=unrestricted to allow it (in development only).\"}").getBytes(StandardCharsets.UTF_8));
			return;
		}
		if (http.getContentType() == null && http.getContentLength() <= 0) {
			chain.doFilter(new EmptyJsonBody(http), response);
			return;
		}
		chain.doFilter(request, response);
	}

	private boolean writable() {
		String access = this.environment.getProperty(ACCESS,
				this.environment.getProperty("management.endpoints.access.default", "read-only"));
		return access.replace('_', '-').toLowerCase(Locale.ROOT).equals("unrestricted");
	}

	/** A body-less POST, seen as one with the JSON body {@code {}}. */
	private static final class EmptyJsonBody extends HttpServletRequestWrapper {

		private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

		EmptyJsonBody(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getContentType() {
			return "application/json";
		}

		@Override
		public String getHeader(String name) {
			return "content-type".equalsIgnoreCase(name) ? getContentType() : super.getHeader(name);
		}

		@Override
		public java.util.Enumeration<String> getHeaders(String name) {
			return "content-type".equalsIgnoreCase(name) ? java.util.Collections.enumeration(java.util.List.of(getContentType()))
					: super.getHeaders(name);
		}

		@Override
		public java.util.Enumeration<String> getHeaderNames() {
			java.util.List<String> names = java.util.Collections.list(super.getHeaderNames());
			if (names.stream().noneMatch("content-type"::equalsIgnoreCase)) {
				names.add("Content-Type");
			}
			return java.util.Collections.enumeration(names);
		}

		@Override
		public int getContentLength() {
			return BODY.length;
		}

		@Override
		public long getContentLengthLong() {
			return BODY.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream body = new ByteArrayInputStream(BODY);
			return new ServletInputStream() {

				@Override
				public int read() {
					return body.read();
				}

				@Override
				public boolean isFinished() {
					return body.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}
			};
		}
	}
}
