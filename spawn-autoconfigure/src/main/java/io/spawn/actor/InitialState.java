package io.spawn.actor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Supplies the state of an actor that has none stored yet, so that actions never see {@code null}. Without it
 * the state type's no-argument constructor (or an empty JSON object, or a protobuf default instance) is used.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface InitialState {

}
