package io.pgautogen.spring.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifier for the {@link javax.sql.DataSource} pgautogen plans against, when the application has
 * several: the one its migrations run on, with a role that may create functions and triggers. The
 * same as {@code @FlywayDataSource} or {@code @LiquibaseDataSource}, which pgautogen follows when
 * this one is absent.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface PgAutogenDataSource {

}
