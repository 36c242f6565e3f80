package io.spawn.internal.model;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the method a serializable method reference ({@code CounterActor::add}) points to, once per call site.
 */
final class MethodReferences {

	private static final Map<Class<?>, Target> CACHE = new ConcurrentHashMap<>();

	private MethodReferences() {
	}

	static Target resolve(Serializable reference) {
		return CACHE.computeIfAbsent(reference.getClass(), (type) -> read(reference));
	}

	private static Target read(Serializable reference) {
		SerializedLambda lambda;
		try {
			Method writeReplace = reference.getClass().getDeclaredMethod("writeReplace");
			writeReplace.setAccessible(true);
			lambda = (SerializedLambda) writeReplace.invoke(reference);
		}
		catch (ReflectiveOperationException | ClassCastException ex) {
			throw new IllegalArgumentException("pass a method reference such as CounterActor::add, not "
					+ reference.getClass().getName(), ex);
		}
		if (lambda.getImplMethodName().startsWith("lambda$")) {
			throw new IllegalArgumentException("pass a method reference such as CounterActor::add, not a lambda ("
					+ lambda.getImplClass() + ")");
		}
		return new Target(lambda.getImplClass().replace('/', '.'), lambda.getImplMethodName(),
				lambda.getImplMethodSignature());
	}

	/**
	 * The referenced method.
	 * @param className its class
	 * @param methodName its name
	 * @param signature its JVM descriptor
	 */
	record Target(String className, String methodName, String signature) {

		boolean matches(Method method) {
			return method.getName().equals(this.methodName)
					&& descriptor(method).equals(this.signature);
		}

		private static String descriptor(Method method) {
			StringBuilder descriptor = new StringBuilder("(");
			for (Class<?> parameter : method.getParameterTypes()) {
				descriptor.append(parameter.descriptorString());
			}
			return descriptor.append(')').append(method.getReturnType().descriptorString()).toString();
		}

	}

}
