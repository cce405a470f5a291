package io.sealfleet.lotus;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the token the miner sends on its calls and file requests by asking the miner itself
 * ({@code Filecoin.AuthVerify}), as lotus-worker does; tokens with {@code admin} are remembered for a while.
 */
public final class TokenVerifier {
    private static final long REMEMBER_NANOS = Duration.ofMinutes(5).toNanos();

    private final MinerClient miner;
    private final Map<String, Long> admins = new ConcurrentHashMap<>();

    public TokenVerifier(MinerClient miner) {
        this.miner = miner;
    }

    public boolean isAdmin(String token) throws InterruptedException {
        if (token == null || token.isBlank()) {
            return false;
        }
        Long seen = admins.get(token);
        if (seen != null && System.nanoTime() - seen < REMEMBER_NANOS) {
            return true;
        }
        try {
            JsonNode perms = miner.call(Duration.ofSeconds(10), "Filecoin.AuthVerify", token);
            for (JsonNode p : perms) {
                if ("admin".equals(p.asText())) {
                    admins.put(token, System.nanoTime());
                    return true;
                }
            }
            return false;
        } catch (RpcException e) {
            return false;
        } catch (IOException e) {
            // The miner is unreachable: a token it accepted recently still counts.
            return seen != null;
        }
    }
}
