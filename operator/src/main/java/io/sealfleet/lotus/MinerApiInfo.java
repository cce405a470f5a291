package io.sealfleet.lotus;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code MINER_API_INFO}: {@code <TOKEN>:<multiaddr>}, as {@code lotus-miner auth api-info --perm admin}
 * prints it, e.g. {@code eyJ…:/ip4/10.0.0.5/tcp/2345/http}.
 */
public record MinerApiInfo(String token, String host, int port) {
    private static final Pattern FORM = Pattern.compile("^([^:\\s]+):/(ip4|ip6|dns|dns4|dns6)/([^/]+)/tcp/(\\d{1,5})(/http)?/?$");

    public static MinerApiInfo parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("MINER_API_INFO is not set: run `lotus-miner auth api-info --perm admin` on the "
                    + "miner and pass its output (<TOKEN>:/ip4/<address>/tcp/<port>/http)");
        }
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("MINER_API_INFO '" + redact(text) + "' is not <TOKEN>:/ip4/<address>/tcp/<port>/http "
                    + "(also /ip6/ or /dns/); copy it from `lotus-miner auth api-info --perm admin`");
        }
        int port = Integer.parseInt(m.group(4));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("MINER_API_INFO: port " + port + " is out of range");
        }
        String host = m.group(2).equals("ip6") ? "[" + m.group(3) + "]" : m.group(3);
        return new MinerApiInfo(m.group(1), host, port);
    }

    public URI rpcUri() {
        return URI.create("http://" + host + ":" + port + "/rpc/v0");
    }

    private static String redact(String text) {
        int colon = text.indexOf(':');
        return colon > 0 ? "<token>" + text.substring(colon) : "<unparsable>";
    }

    @Override
    public String toString() {
        return "MinerApiInfo[<token>, " + host + ":" + port + "]";
    }
}
