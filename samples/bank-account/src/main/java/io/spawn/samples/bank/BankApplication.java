package io.spawn.samples.bank;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Bank accounts as actors beside a Spawn sidecar proxy: the proxy owns activation, state and persistence; this
 * application only runs the actions.
 */
@SpringBootApplication
public class BankApplication {

	public static void main(String[] args) {
		SpringApplication.run(BankApplication.class, args);
	}

}
