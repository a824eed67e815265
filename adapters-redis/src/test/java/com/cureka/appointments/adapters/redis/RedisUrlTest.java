package com.cureka.appointments.adapters.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisUrlTest {
    @Test
    void a_plain_url_names_host_port_and_database() {
        assertThat(RedisUrl.parse("redis://cache.internal:6380/2"))
                .isEqualTo(new RedisUrl(false, "cache.internal", 6380, null, null, 2));
    }

    @Test
    void port_and_database_have_the_usual_defaults() {
        assertThat(RedisUrl.parse("redis://cache")).isEqualTo(new RedisUrl(false, "cache", 6379, null, null, 0));
        assertThat(RedisUrl.parse("redis://cache:6379/")).isEqualTo(new RedisUrl(false, "cache", 6379, null, null, 0));
    }

    @Test
    void rediss_means_tls() {
        assertThat(RedisUrl.parse("rediss://cache:6380").tls()).isTrue();
    }

    @Test
    void user_and_password_come_from_the_url_and_are_decoded() {
        assertThat(RedisUrl.parse("redis://app:s%40cret@cache:6379"))
                .isEqualTo(new RedisUrl(false, "cache", 6379, "app", "s@cret", 0));
        assertThat(RedisUrl.parse("redis://:s3cret@cache"))
                .isEqualTo(new RedisUrl(false, "cache", 6379, null, "s3cret", 0));
        assertThat(RedisUrl.parse("redis://s3cret@cache"))
                .isEqualTo(new RedisUrl(false, "cache", 6379, null, "s3cret", 0));
    }

    @Test
    void the_printed_form_never_shows_the_password() {
        assertThat(RedisUrl.parse("redis://app:s3cret@cache:6379/1")).hasToString("redis://app:***@cache:6379/1");
        assertThat(new RedisConnection("rediss://:s3cret@cache:6380")).hasToString("rediss://:***@cache:6380/0");
    }

    @Test
    void other_schemes_missing_hosts_and_bad_databases_are_refused_without_echoing_the_url() {
        assertThatThrownBy(() -> RedisUrl.parse("http://s3cret@cache"))
                .hasMessageNotContaining("s3cret")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisUrl.parse("cache:6379")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisUrl.parse("redis:///0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisUrl.parse("redis://:s3cret@cache/zero"))
                .hasMessageNotContaining("s3cret")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RedisConnection(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
