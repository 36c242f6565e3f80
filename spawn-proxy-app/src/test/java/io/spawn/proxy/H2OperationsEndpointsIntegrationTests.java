package io.spawn.proxy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations endpoints on the default H2 file database.
 */
class H2OperationsEndpointsIntegrationTests extends AbstractOperationsEndpointsIntegrationTests {

	@TempDir
	Path dataDir;

	@Override
	List<String> databaseArguments() {
		return List.of("--spawn.proxy.data-dir=" + this.dataDir);
	}

	@Test
	void aWriteTimeoutThatIsNotPositiveStopsTheStartWithTheKeyToFix() {
		assertThatThrownBy(() -> start("--spawn.proxy.operations.write-timeout=0s")).rootCause()
			.hasMessageContaining("spawn.proxy.operations.write-timeout must be a positive duration");
	}

}
