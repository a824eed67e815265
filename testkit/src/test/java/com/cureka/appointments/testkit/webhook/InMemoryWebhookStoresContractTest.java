package com.cureka.appointments.testkit.webhook;

import com.cureka.appointments.application.memory.InMemoryWebhookDeliveries;
import com.cureka.appointments.application.memory.InMemoryWebhookSubscriptions;

class InMemoryWebhookStoresContractTest extends WebhookStoresContract {
    @Override
    protected Stores newStores() {
        var subscriptions = new InMemoryWebhookSubscriptions();
        var deliveries = new InMemoryWebhookDeliveries();
        subscriptions.cascadeTo(deliveries);
        return new Stores(subscriptions, deliveries);
    }
}
