package io.spawn.autoconfigure;

import java.net.URI;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the Spawn sidecar proxy of this application is. The default reads {@code spawn.sidecar.proxy-url}; define
 * a bean of this type to find it another way.
 */
public interface SpawnProxyConnectionDetails extends ConnectionDetails {

	/**
	 * Base URL of the proxy's Spawn protocol port, for example {@code http://localhost:9001}.
	 * @return the URL
	 */
	URI proxyUri();

}
