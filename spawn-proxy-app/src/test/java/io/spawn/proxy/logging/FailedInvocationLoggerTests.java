package io.spawn.proxy.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.internal.runtime.InvocationStatus;
import io.spawn.internal.state.ActorKey;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Failed invocations in the log: one WARN line each with actor, action and status, rate-limited.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailedInvocationLoggerTests {

	private final AtomicLong nanos = new AtomicLong();

	private final FailedInvocationLogger logger = new FailedInvocationLogger(
			LogFactory.getLog(FailedInvocationLoggerTests.class), this.nanos::get, 5, 1);

	@Test
	void logsAFailedInvocationAtWarnWithActorActionAndStatus(CapturedOutput output) {
		this.logger.invocationCompleted(new ActorKey("shop", "cart"), "checkout", InvocationStatus.DEADLINE_EXCEEDED,
				1_000);

		assertThat(output).contains("WARN")
			.contains("Invocation failed: system='shop' actor='cart' action='checkout' status=DEADLINE_EXCEEDED");
	}

	@Test
	void successfulInvocationsLeaveNoLine(CapturedOutput output) {
		this.logger.invocationCompleted(new ActorKey("shop", "cart"), "checkout", InvocationStatus.OK, 1_000);

		assertThat(output).doesNotContain("Invocation failed");
	}

	@Test
	void aFloodIsCutToTheBurstAndTheNextLineCountsWhatWasLeftOut(CapturedOutput output) {
		for (int i = 0; i < 1_000; i++) {
			this.logger.invocationCompleted(new ActorKey("shop", "ghost-" + i), "x", InvocationStatus.ACTOR_NOT_FOUND,
					0);
		}
		assertThat(lines(output)).isEqualTo(5);

		this.nanos.addAndGet(1_000_000_000L);
		this.logger.invocationCompleted(new ActorKey("shop", "late"), "x", InvocationStatus.ACTION_NOT_FOUND, 0);

		assertThat(lines(output)).isEqualTo(6);
		assertThat(output).contains("actor='late' action='x' status=ACTION_NOT_FOUND (995 more failed invocations "
				+ "not logged before this one)");
	}

	@Test
	void namesCannotForgeLogLines(CapturedOutput output) {
		this.logger.invocationCompleted(new ActorKey("shop", "a\nWARN forged line"), "x\r",
				InvocationStatus.ACTION_FAILED, 0);

		assertThat(output).contains("actor='a\\u000aWARN forged line' action='x\\u000d'")
			.doesNotContain("\nWARN forged line");
	}

	private static long lines(CapturedOutput output) {
		return output.getOut().lines().filter((line) -> line.contains("Invocation failed")).count();
	}

}
