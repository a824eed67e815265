package com.cureka.appointments.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** With several instances, closed-loop client c talks to instance c mod n. */
class SpreadTest {
    @Test
    void client_c_connects_to_instance_c_mod_n_and_other_connections_go_in_turn() {
        var asked = new ArrayList<Integer>();
        var spread = new HttpTransport.Spread(List.of(instance(0, asked), instance(1, asked)));

        for (int client = 0; client < 5; client++) {
            spread.connect(client);
        }
        spread.connect();
        spread.connect();

        assertThat(asked).containsExactly(0, 1, 0, 1, 0, 0, 1);
    }

    private static HttpTransport instance(int n, List<Integer> asked) {
        return new HttpTransport() {
            @Override
            public Connection connect() {
                asked.add(n);
                return null;
            }

            @Override
            public void close() {}
        };
    }
}
