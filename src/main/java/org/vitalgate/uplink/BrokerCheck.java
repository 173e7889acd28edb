package org.vitalgate.uplink;

import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3Connect;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import io.reactivex.schedulers.Schedulers;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One connection attempt with the service's own settings (broker, TLS identity, credentials, client id), for
 * {@code vitalgate setup}: connect, then disconnect at once. Nothing is published. A running service using the
 * same client id is briefly disconnected by the broker and reconnects by itself.
 */
public final class BrokerCheck {
    /** The outcome: accepted, or why not (refused, TLS, credentials, timeout). */
    public record Result(boolean ok, String message) {
    }

    private BrokerCheck() {
    }

    public static Result connect(UplinkSettings settings, Duration timeout) {
        Mqtt3AsyncClient client;
        Mqtt3Connect message;
        try {
            client = new ClientFactory(settings, Schedulers.computation()).build(context -> { });
            Mqtt3ConnectBuilder builder = Mqtt3Connect.builder().cleanSession(true);
            if (settings.credentialsFile().isPresent()) {
                Credentials credentials = Credentials.read(settings.credentialsFile().get());
                builder = builder.simpleAuth().username(credentials.username()).password(credentials.password())
                        .applySimpleAuth();
            }
            message = builder.build();
        } catch (TlsMaterialException | CredentialsException | IllegalArgumentException e) {
            return new Result(false, e.getMessage());
        }
        try {
            client.connect(message).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            client.disconnect().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(true, "connected to " + settings.broker() + " as " + settings.clientId());
        } catch (ExecutionException e) {
            return new Result(false, ConnectFailure.classify(e.getCause()).reason());
        } catch (TimeoutException e) {
            client.disconnect();
            return new Result(false, "no answer from " + settings.broker() + " within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
    }
}
