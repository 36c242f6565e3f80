package io.spawn.internal.model;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One action of an actor bean: its wire name, its method, and how each parameter is resolved.
 * @param name the action's name on the wire
 * @param method the bean method
 * @param parameters what each parameter receives, in order
 * @param commandType the command's type, or {@code null} when the action takes none
 * @param replyType the reply's type, or {@code null} when the action replies nothing
 * @param returnsEffect whether the method returns an {@code Effect}
 */
public record ActionModel(String name, Method method, List<Parameter> parameters, @Nullable Type commandType,
		@Nullable Type replyType, boolean returnsEffect) {

	/**
	 * What a parameter receives, in the order an action declares them.
	 */
	public enum Parameter {

		STATE, COMMAND, CONTEXT

	}

	/**
	 * Refuses a command for an action that takes none: the compiler cannot tell a state parameter from a command.
	 * @param given whether the caller passed a command
	 * @throws IllegalArgumentException when a command was passed to an action without one
	 */
	public void checkCommand(boolean given) {
		if (given && this.commandType == null) {
			throw new IllegalArgumentException(describe() + " takes no command: call it without one, as call("
					+ this.method.getDeclaringClass().getSimpleName() + "::" + this.method.getName() + ")");
		}
	}

	String describe() {
		return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "("
				+ String.join(", ", java.util.Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).toList())
				+ ")";
	}

}
