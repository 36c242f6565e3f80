package io.spawn.chart;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * PostgreSQL as the state store, its password read from an existing Secret.
 */
class ChartPostgresTests {

	private static final String POSTGRES = """
			database:
			  type: postgres
			  host: pg.db.svc.cluster.local
			  name: shop
			  username: shop
			  existingSecret: shop-db
			  existingSecretPasswordKey: pw
			""";

	@Test
	void readsThePasswordFromTheExistingSecretOnly() {
		RenderedChart chart = RenderedChart.render(POSTGRES);

		EnvVar secret = chart.container("proxy").getEnv().stream()
			.filter((variable) -> variable.getName().equals("PROXY_DATABASE_SECRET"))
			.findFirst()
			.orElseThrow();
		assertThat(secret.getValue()).isNull();
		assertThat(secret.getValueFrom().getSecretKeyRef().getName()).isEqualTo("shop-db");
		assertThat(secret.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("pw");
		assertThat(chart.has(Secret.class)).isFalse();
		assertThat(chart.proxyConfigMap().getData()).doesNotContainKey("PROXY_DATABASE_SECRET")
			.containsEntry("PROXY_DATABASE_TYPE", "postgres")
			.containsEntry("PROXY_DATABASE_HOST", "pg.db.svc.cluster.local")
			.containsEntry("PROXY_DATABASE_PORT", "5432")
			.containsEntry("PROXY_DATABASE_NAME", "shop")
			.containsEntry("PROXY_DATABASE_USERNAME", "shop");
	}

	@Test
	void refusesARemoteDatabaseWithoutSecret() {
		assertThatIllegalStateException()
			.isThrownBy(() -> RenderedChart.render("""
					database:
					  type: postgres
					  host: pg.db.svc.cluster.local
					"""))
			.withMessageContaining("database.existingSecret is required");
	}

	@Test
	void refusesPostgresWithoutHost() {
		assertThatIllegalStateException()
			.isThrownBy(() -> RenderedChart.render("database:\n  type: postgres\n  existingSecret: shop-db\n"))
			.withMessageContaining("database.host is required");
	}

}
