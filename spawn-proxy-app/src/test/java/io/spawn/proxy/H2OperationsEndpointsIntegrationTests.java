package io.spawn.proxy;

import java.nio.file.Path;
import java.util.List;
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

}
