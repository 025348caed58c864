package io.pgautogen.spring.autoconfigure;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import io.pgautogen.spring.PgAutogen;
import io.pgautogen.spring.actuate.PgAutogenEndpoint;
import io.pgautogen.spring.actuate.PgAutogenEndpointWebExtension;
import io.pgautogen.spring.actuate.PgAutogenWriteRequestFilter;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for {@link PgAutogenEndpoint}, when actuator is
 * present and the endpoint is available (exposed, and its access not {@code none}).
 */
@AutoConfiguration(after = PgAutogenAutoConfiguration.class)
@ConditionalOnClass({ PgAutogen.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(PgAutogenEndpoint.class)
public final class PgAutogenEndpointAutoConfiguration {

	@Bean
	@ConditionalOnBean(PgAutogen.class)
	@ConditionalOnMissingBean
	PgAutogenEndpoint pgAutogenEndpoint(PgAutogen pgAutogen) {
		return new PgAutogenEndpoint(pgAutogen);
	}

	@Bean
	@ConditionalOnBean(PgAutogenEndpoint.class)
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	PgAutogenEndpointWebExtension pgAutogenEndpointWebExtension(PgAutogenEndpoint endpoint) {
		return new PgAutogenEndpointWebExtension(endpoint);
	}

	/** Clear answers to POSTs on servlet web servers: a 405 that says why, no content type needed. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(jakarta.servlet.Filter.class)
	@ConditionalOnAvailableEndpoint(endpoint = PgAutogenEndpoint.class, exposure = EndpointExposure.WEB)
	static class ServletRequestsConfiguration {

		@Bean
		FilterRegistrationBean<PgAutogenWriteRequestFilter> pgAutogenWriteRequestFilter(Environment environment) {
			String base = environment.getProperty("management.endpoints.web.base-path", "/actuator");
			String path = environment.getProperty("management.endpoints.web.path-mapping.pgautogen", "pgautogen");
			FilterRegistrationBean<PgAutogenWriteRequestFilter> registration = new FilterRegistrationBean<>(
					new PgAutogenWriteRequestFilter(base.replaceFirst("/+$", "") + "/" + path, environment));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
			return registration;
		}
	}
}
