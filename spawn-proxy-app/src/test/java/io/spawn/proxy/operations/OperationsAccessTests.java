package io.spawn.proxy.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Principal;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The access rules of the operations endpoints, with and without Spring Security. With it, actuator's
 * {@link SecurityContext} reports the authenticated user and roles from the servlet request, which Spring
 * Security wraps; here it reports fixed ones.
 */
class OperationsAccessTests {

	private final OperationsAccess secured = new OperationsAccess(true, false);

	@Test
	void withSpringSecurityReadsNeedOperatorOrAdminAndWritesNeedAdmin() {
		assertThat(this.secured.refuseRead(user("olivia", "OPERATOR"))).isNull();
		assertThat(this.secured.refuseRead(user("adam", "ADMIN"))).isNull();
		assertThat(status(this.secured.refuseRead(user("val", "VIEWER")))).isEqualTo(403);
		assertThat(status(this.secured.refuseRead(SecurityContext.NONE))).isEqualTo(401);

		assertThat(this.secured.refuseWrite(user("adam", "ADMIN"))).isNull();
		WebEndpointResponse<Object> operatorWrite = this.secured.refuseWrite(user("olivia", "OPERATOR"));
		assertThat(status(operatorWrite)).isEqualTo(403);
		assertThat(operatorWrite.getBody().toString()).contains("olivia").contains("ADMIN");
		assertThat(status(this.secured.refuseWrite(SecurityContext.NONE))).isEqualTo(401);
	}

	@Test
	void withSpringSecurityTheWriteSwitchDoesNotOpenWritesToAnyone() {
		OperationsAccess securedAndEnabled = new OperationsAccess(true, true);

		assertThat(status(securedAndEnabled.refuseWrite(user("olivia", "OPERATOR")))).isEqualTo(403);
	}

	@Test
	void withoutSpringSecurityReadsAreOpenAndWritesFollowTheSwitch() {
		OperationsAccess off = new OperationsAccess(false, false);
		OperationsAccess on = new OperationsAccess(false, true);

		assertThat(off.refuseRead(SecurityContext.NONE)).isNull();
		assertThat(status(off.refuseWrite(SecurityContext.NONE))).isEqualTo(403);
		assertThat(on.refuseWrite(SecurityContext.NONE)).isNull();
	}

	@Test
	void theAuditNamesThePrincipalOrAnonymous() {
		assertThat(OperationsAccess.principal(user("adam", "ADMIN"))).isEqualTo("adam");
		assertThat(OperationsAccess.principal(SecurityContext.NONE)).isEqualTo("anonymous");
	}

	@Test
	void springSecurityIsDetectedFromTheClasspath() {
		// The proxy does not ship Spring Security: the switch decides writes.
		assertThat(OperationsAccess.detect(false).refuseWrite(SecurityContext.NONE)).isNotNull();
		assertThat(OperationsAccess.detect(true).refuseWrite(SecurityContext.NONE)).isNull();
	}

	private static int status(@Nullable WebEndpointResponse<Object> response) {
		assertThat(response).isNotNull();
		return response.getStatus();
	}

	private static SecurityContext user(String name, String... roles) {
		Set<String> held = Set.of(roles);
		Principal principal = () -> name;
		return new SecurityContext() {

			@Override
			public Principal getPrincipal() {
				return principal;
			}

			@Override
			public boolean isUserInRole(String role) {
				return held.contains(role);
			}

		};
	}

}
