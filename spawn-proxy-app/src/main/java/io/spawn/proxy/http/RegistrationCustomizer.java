package io.spawn.proxy.http;

import io.spawn.protocol.RegistrationRequest;

/**
 * Adjusts a host's registration before the runtime takes it, such as the settings an actor contract declares.
 * Customizers run in order, after the default system name is filled in.
 */
@FunctionalInterface
public interface RegistrationCustomizer {

	/**
	 * Customizes a registration.
	 * @param registration the registration, with its system named
	 */
	void customize(RegistrationRequest.Builder registration);

}
