package io.pgautogen.samples.flyway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import io.pgautogen.declaration.PgFunction;
import io.pgautogen.declaration.PgTrigger;

/**
 * Orders with an audit log. Flyway owns the tables ({@code db/migration}); pgautogen owns the
 * functions and triggers, declared here as beans and in {@code db/pgautogen/*.sql}.
 */
@SpringBootApplication
public class FlywaySampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(FlywaySampleApplication.class, args);
	}

	@Bean
	PgFunction touchUpdatedAt() {
		return PgFunction.of("""
				CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				  NEW.updated_at := now();
				  RETURN NEW;
				END
				$$""");
	}

	@Bean
	PgTrigger ordersTouch() {
		return PgTrigger.of("""
				CREATE TRIGGER orders_touch BEFORE UPDATE ON orders
				  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION touch_updated_at()""");
	}
}
