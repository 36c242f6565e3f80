package io.spawn.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * REST routes to actions.
 * <p>
 * Bound under {@code spawn.rest}, as a group of {@link SpawnProperties}.
 */
public class SpawnRestProperties {

	/**
	 * Whether actions are exposed as HTTP routes (from these routes and from @Rest annotations).
	 */
	private boolean enabled = true;

	/**
	 * Routes to actions, each with an HTTP method, a path template, an actor and an action.
	 */
	private List<Route> routes = new java.util.ArrayList<>();

	/**
	 * Largest request body a REST route accepts; a larger one is refused with 413, from its Content-Length
	 * before it is read.
	 */
	private DataSize maxRequestSize = DataSize.ofMegabytes(4);

	public DataSize getMaxRequestSize() {
		return this.maxRequestSize;
	}

	public void setMaxRequestSize(DataSize maxRequestSize) {
		this.maxRequestSize = maxRequestSize;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<Route> getRoutes() {
		return this.routes;
	}

	public void setRoutes(List<Route> routes) {
		this.routes = routes;
	}


	/**
	 * One REST route to an action.
	 */
	public static class Route {

		/**
		 * HTTP method of the route.
		 */
		private String method = "POST";

		/**
		 * Path template, such as /counters/{id}/increment.
		 */
		private @Nullable String path;

		/**
		 * Name of the actor the route calls.
		 */
		private @Nullable String actor;

		/**
		 * Name of the action the route calls.
		 */
		private @Nullable String action;

		/**
		 * Path variable holding the instance id of an UNNAMED actor.
		 */
		private String idVariable = "id";

		public String getMethod() {
			return this.method;
		}

		public void setMethod(String method) {
			this.method = method;
		}

		public @Nullable String getPath() {
			return this.path;
		}

		public void setPath(@Nullable String path) {
			this.path = path;
		}

		public @Nullable String getActor() {
			return this.actor;
		}

		public void setActor(@Nullable String actor) {
			this.actor = actor;
		}

		public @Nullable String getAction() {
			return this.action;
		}

		public void setAction(@Nullable String action) {
			this.action = action;
		}

		public String getIdVariable() {
			return this.idVariable;
		}

		public void setIdVariable(String idVariable) {
			this.idVariable = idVariable;
		}

	}

}
