package io.conduit.media.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Which addresses a webhook may be sent to (protection against server-side request forgery). A
 * delivery is refused when <em>any</em> address its host resolves to is not public: loopback,
 * private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 with the cloud metadata
 * address 169.254.169.254, fe80::/10), multicast, unspecified ("this network" 0/8, ::), shared
 * address space (CGNAT 100.64/10), reserved, benchmarking and documentation ranges, and IPv6 forms
 * that embed an IPv4 address (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d},
 * NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) when that address is refused.
 *
 * <p>The allow-list ({@code conduit.webhooks.allowed-networks}) lets private deployments and tests
 * reach such addresses: a CIDR or single address admits the addresses in it, a host name
 * ({@code hooks.internal}) or wildcard ({@code *.corp.example}) admits whatever that host resolves to.
 */
public final class AddressPolicy {

    private record Range(Cidr cidr, String reason) {}

    private static final List<Range> REFUSED = List.of(
            range("0.0.0.0/8", "an unspecified (\"this network\") address"),
            range("10.0.0.0/8", "a private address (10.0.0.0/8)"),
            range("100.64.0.0/10", "a shared (carrier-grade NAT) address (100.64.0.0/10)"),
            range("127.0.0.0/8", "a loopback address"),
            range("169.254.0.0/16", "a link-local address (169.254.0.0/16, cloud metadata)"),
            range("172.16.0.0/12", "a private address (172.16.0.0/12)"),
            range("192.0.0.0/24", "a reserved (IETF protocol) address"),
            range("192.0.2.0/24", "a documentation address"),
            range("192.168.0.0/16", "a private address (192.168.0.0/16)"),
            range("198.18.0.0/15", "a benchmarking address"),
            range("198.51.100.0/24", "a documentation address"),
            range("203.0.113.0/24", "a documentation address"),
            range("224.0.0.0/4", "a multicast address"),
            range("240.0.0.0/4", "a reserved address (240.0.0.0/4, broadcast)"),
            range("::/128", "an unspecified address"),
            range("::1/128", "a loopback address"),
            range("100::/64", "a discard-only address"),
            range("2001:db8::/32", "a documentation address"),
            range("fc00::/7", "a private (unique local) address (fc00::/7)"),
            range("fe80::/10", "a link-local address (fe80::/10)"),
            range("fec0::/10", "a site-local address (fec0::/10)"),
            range("ff00::/8", "a multicast address"));

    private final List<Cidr> allowedNetworks;
    private final List<String> allowedHosts;

    private AddressPolicy(List<Cidr> allowedNetworks, List<String> allowedHosts) {
        this.allowedNetworks = List.copyOf(allowedNetworks);
        this.allowedHosts = List.copyOf(allowedHosts);
    }

    /** Only public addresses. */
    public static AddressPolicy strict() {
        return new AddressPolicy(List.of(), List.of());
    }

    /**
     * Public addresses plus the allow-list entries: CIDRs, single IP addresses, host names and
     * {@code *.suffix} wildcards (blank entries are ignored). Throws for an entry that is none of these.
     */
    public static AddressPolicy allowing(Collection<String> entries) {
        List<Cidr> networks = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw == null ? "" : raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            Cidr cidr = Cidr.parseOrNull(entry);
            if (cidr != null) {
                networks.add(cidr);
            } else if (entry.matches("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9\\-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9\\-]*[A-Za-z0-9])?)*")) {
                hosts.add(entry.toLowerCase(Locale.ROOT));
            } else {
                throw new IllegalArgumentException("conduit.webhooks.allowed-networks: '" + entry
                        + "' is neither a CIDR, an IP address nor a host name");
            }
        }
        return new AddressPolicy(networks, hosts);
    }

    /**
     * Null when a webhook to {@code host} may be sent to these addresses (what it resolved to), else
     * why not, e.g. {@code "localhost resolves to 127.0.0.1, a loopback address"}.
     */
    public String refusal(String host, List<InetAddress> addresses) {
        if (addresses.isEmpty()) {
            return host + " resolves to no address";
        }
        if (hostAllowed(host)) {
            return null;
        }
        for (InetAddress address : addresses) {
            String reason = forbiddenReason(address);
            if (reason != null && !networkAllowed(address)) {
                boolean literalHost = Cidr.parseOrNull(host) != null;
                return (literalHost ? host + " is " : host + " resolves to " + address.getHostAddress() + ", ")
                        + reason + "; webhooks are only sent to public addresses (see conduit.webhooks.allowed-networks)";
            }
        }
        return null;
    }

    /** Null for a public address, else what kind of address it is (regardless of the allow-list). */
    public static String forbiddenReason(InetAddress address) {
        Inet4Address embedded = embeddedIpv4(address);
        if (embedded != null) {
            String reason = forbiddenReason(embedded);
            if (reason != null) {
                return reason + " (" + embedded.getHostAddress() + ") in IPv6 form";
            }
        }
        for (Range range : REFUSED) {
            if (range.cidr().contains(address)) {
                return range.reason();
            }
        }
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return "a non-public address";
        }
        return null;
    }

    private boolean hostAllowed(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        for (String allowed : allowedHosts) {
            if (allowed.startsWith("*.") ? name.endsWith(allowed.substring(1)) : name.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    private boolean networkAllowed(InetAddress address) {
        Inet4Address embedded = embeddedIpv4(address);
        for (Cidr cidr : allowedNetworks) {
            if (cidr.contains(address) || (embedded != null && cidr.contains(embedded))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The IPv4 address an IPv6 address carries in its IPv4-mapped ({@code ::ffff:0:0/96}),
     * IPv4-compatible ({@code ::/96} except {@code ::} and {@code ::1}), NAT64 ({@code 64:ff9b::/96})
     * or 6to4 ({@code 2002::/16}) form, else null. (Java already turns parsed IPv4-mapped literals
     * into {@link Inet4Address}; addresses built from raw bytes may still arrive mapped.)
     */
    static Inet4Address embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return null;
        }
        byte[] b = address.getAddress();
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        if (firstTenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return ipv4(b, 12);
        }
        if (firstTenZero && b[10] == 0 && b[11] == 0) {
            boolean upperZero = b[12] == 0 && b[13] == 0 && b[14] == 0;
            if (!(upperZero && (b[15] == 0 || b[15] == 1))) {
                return ipv4(b, 12);
            }
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            boolean middleZero = true;
            for (int i = 4; i < 12; i++) {
                middleZero &= b[i] == 0;
            }
            if (middleZero) {
                return ipv4(b, 12);
            }
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return ipv4(b, 2);
        }
        return null;
    }

    private static Inet4Address ipv4(byte[] bytes, int offset) {
        byte[] v4 = {bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]};
        try {
            return (Inet4Address) InetAddress.getByAddress(v4);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Range range(String cidr, String reason) {
        return new Range(Cidr.parse(cidr), reason);
    }

    /** An IPv4 or IPv6 network: its address and prefix length. */
    record Cidr(byte[] network, int prefix) {

        /** {@code a.b.c.d/n}, {@code v6::/n}, or a single address (the full-length prefix); never DNS. */
        static Cidr parse(String text) {
            Cidr cidr = parseOrNull(text);
            if (cidr == null) {
                throw new IllegalArgumentException("not a CIDR: " + text);
            }
            return cidr;
        }

        static Cidr parseOrNull(String text) {
            int slash = text.indexOf('/');
            String literal = slash < 0 ? text : text.substring(0, slash);
            if (literal.startsWith("[") && literal.endsWith("]")) {
                literal = literal.substring(1, literal.length() - 1);
            }
            InetAddress address;
            try {
                address = InetAddress.ofLiteral(literal);
            } catch (IllegalArgumentException e) {
                return null;
            }
            byte[] bytes = address.getAddress();
            int prefix;
            try {
                prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                return null;
            }
            return new Cidr(bytes, prefix);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int fullBytes = prefix / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }
}
