package io.pgautogen.spring.autoconfigure;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.pgautogen.spring.PgAutogen;
import io.pgautogen.spring.actuate.PgAutogenEndpoint;
import io.pgautogen.spring.actuate.PgAutogenEndpointWebExtension;

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
}
