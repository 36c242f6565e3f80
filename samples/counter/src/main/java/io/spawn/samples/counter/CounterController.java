package io.spawn.samples.counter;

import io.spawn.client.ActorCallException;
import io.spawn.client.ActorRefs;
import io.spawn.samples.counter.CounterActor.CounterValue;
import io.spawn.samples.counter.CounterActor.Increment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The same counters reached from ordinary controller code through typed actor references: no action strings, no
 * serialization code. (The plain routes {@code /counters/...} come from {@code @Rest} and configuration.)
 */
@RestController
class CounterController {

	private final ActorRefs<CounterActor> counters;

	CounterController(ActorRefs<CounterActor> counters) {
		this.counters = counters;
	}

	@PostMapping("/typed/counters/{id}/increment")
	CounterValue increment(@PathVariable String id, @RequestParam(defaultValue = "1") long by) {
		return this.counters.get(id).call(CounterActor::increment, new Increment(by));
	}

	@GetMapping("/typed/counters/{id}")
	CounterValue value(@PathVariable String id) {
		return this.counters.get(id).call(CounterActor::value);
	}

	@ExceptionHandler
	ProblemDetail failed(ActorCallException ex) {
		// This controller is the HTTP edge, so it decides the codes.
		HttpStatus status = switch (ex.status()) {
			case ACTION_FAILED -> "invalid-increment".equals(ex.errorCode()) ? HttpStatus.BAD_REQUEST
					: HttpStatus.INTERNAL_SERVER_ERROR;
			case ACTOR_NOT_FOUND, ACTION_NOT_FOUND -> HttpStatus.NOT_FOUND;
			case MAILBOX_FULL -> HttpStatus.TOO_MANY_REQUESTS;
			case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
			case DEADLINE_EXCEEDED -> HttpStatus.GATEWAY_TIMEOUT;
			default -> HttpStatus.INTERNAL_SERVER_ERROR;
		};
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		if (ex.errorCode() != null) {
			problem.setProperty("code", ex.errorCode());
		}
		return problem;
	}

}
