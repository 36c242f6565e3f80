package io.spawn.internal.rest;

/**
 * One HTTP route to an action.
 * @param method the HTTP method
 * @param path the path template
 * @param actor the actor's name
 * @param action the action's name
 * @param idVariable the path variable holding an UNNAMED actor's instance id
 * @param origin where the route was declared, for error messages
 */
public record RestRoute(String method, String path, String actor, String action, String idVariable, String origin) {
}
