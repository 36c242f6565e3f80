/**
 * REST routes to actions, from {@code spawn.rest.routes} and {@code @Rest}: Spring MVC functional endpoints that
 * turn JSON and path/query variables into a command and the action's reply into JSON. Internal API: not for use
 * outside Spawn's own modules.
 */
@NullMarked
package io.spawn.internal.rest;

import org.jspecify.annotations.NullMarked;
