package com.cureka.appointments.adapters.webhooks;

import com.cureka.appointments.application.port.webhook.DestinationGuard;
import okhttp3.Dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The SSRF guard outside embedded mode: a subscriber URL must resolve only to public addresses. Used twice: at
 * creation (as {@link DestinationGuard}) and as OkHttp's {@link Dns} at every delivery, so the address that is
 * checked is the address that is connected to, and a DNS answer that changed later (rebinding) is refused too.
 */
public final class PublicAddressGuard implements DestinationGuard, Dns {
    /** Resolves a host name; replaceable so that tests can answer any address without a DNS server. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;

    public PublicAddressGuard() {
        this(InetAddress::getAllByName);
    }

    public PublicAddressGuard(Resolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Optional<String> refusal(URI url) {
        var host = url.getHost();
        if (host == null) {
            return Optional.of("must have a host");
        }
        try {
            lookup(stripBrackets(host));
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public List<InetAddress> lookup(String host) throws UnknownHostException {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new UnknownHostException("host " + host + " does not resolve");
        }
        for (var address : addresses) {
            if (!isPublic(address)) {
                throw new UnknownHostException("host " + host + " resolves to a loopback, private, link-local, "
                        + "multicast or metadata address, which is refused (WEBHOOK_ALLOW_PRIVATE_URLS)");
            }
        }
        return Arrays.asList(addresses);
    }

    /** Public unicast only: every special-purpose range a server inside a cloud could reach is refused. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress() // 169.254/16 (cloud metadata), fe80::/10
                || address.isSiteLocalAddress() // 10/8, 172.16/12, 192.168/16
                || address.isMulticastAddress()) {
            return false;
        }
        var b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 // "this network"
                    && !(first == 100 && second >= 64 && second <= 127) // carrier-grade NAT 100.64/10
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking 198.18/15
                    && first < 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            boolean uniqueLocal = (first & 0xfe) == 0xfc; // fc00::/7, also fd00:ec2::254 (AWS metadata)
            boolean siteLocal = first == 0xfe && (b[1] & 0xc0) == 0xc0; // fec0::/10
            boolean mappedOrCompatible = isZero(b, 0, 10); // ::ffff:a.b.c.d and ::a.b.c.d hide an IPv4 address
            return !uniqueLocal && !siteLocal && !mappedOrCompatible;
        }
        return false;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
