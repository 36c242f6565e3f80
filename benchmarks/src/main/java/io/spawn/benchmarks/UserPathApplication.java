package io.spawn.benchmarks;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The application of the user-path benchmark: the starter's auto-configuration in embedded mode with no
 * {@code DataSource} (so the in-memory state store) or with PostgreSQL, no web server, and one actor bean. No component scan, so
 * that the other harnesses of this package stay out of its context.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(UserCounterActor.class)
class UserPathApplication {

	static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(UserPathApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("spawn.mode=embedded", "spawn.system=bench-user", "spring.main.banner-mode=off")
			.run();
	}

	/**
	 * The same application with its state in PostgreSQL, written behind (the default) by the JPA store.
	 * @param jdbcUrl the database
	 * @return the context
	 */
	static ConfigurableApplicationContext startOnPostgres(String jdbcUrl) {
		return new SpringApplicationBuilder(UserPathApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("spawn.mode=embedded", "spawn.system=bench-user-pg", "spring.main.banner-mode=off",
					"spring.datasource.url=" + jdbcUrl, "spring.datasource.username=postgres",
					"spring.datasource.password=postgres", "spring.datasource.hikari.maximum-pool-size=8")
			.run();
	}

}
