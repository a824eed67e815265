package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.testkit.webhook.WebhookStoresContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresWebhookStoresContractTest extends WebhookStoresContract {
    private static PostgresDatabase database;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabases.migrated(4);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Override
    protected Stores newStores() {
        database.jdbi().useHandle(h -> h.execute("TRUNCATE webhook_deliveries, webhook_subscriptions"));
        return new Stores(
                new PostgresWebhookSubscriptions(database.jdbi()), new PostgresWebhookDeliveries(database.jdbi()));
    }
}
