package io.spawn.benchmarks.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The baseline of the footprint benchmark: a Spring Boot MVC application with the actuator and one endpoint,
 * nothing of Spawn. The footprint benchmark starts it on a class path with only Spring Boot's
 * web, actuator and logging jars.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class BareMvcApplication {

	public static void main(String[] args) {
		SpringApplication.run(BareMvcApplication.class, args);
	}

	@RestController
	static class Ping {

		@GetMapping("/ping")
		String ping() {
			return "pong";
		}

	}

}
