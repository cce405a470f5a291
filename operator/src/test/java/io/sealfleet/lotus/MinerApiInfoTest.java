package io.sealfleet.lotus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** MINER_API_INFO as lotus-miner auth api-info prints it. */
class MinerApiInfoTest {
    @Test
    void theSeedsFormGivesTokenHostAndPort() {
        MinerApiInfo a = MinerApiInfo.parse("eyJhbGciOiJIUzI1NiJ9.e30.sig:/ip4/10.0.0.5/tcp/2345/http");
        assertThat(a.token()).isEqualTo("eyJhbGciOiJIUzI1NiJ9.e30.sig");
        assertThat(a.rpcUri().toString()).isEqualTo("http://10.0.0.5:2345/rpc/v0");
        assertThat(MinerApiInfo.parse("t:/dns/miner.lotus.svc/tcp/2345/http").rpcUri().toString())
                .isEqualTo("http://miner.lotus.svc:2345/rpc/v0");
        assertThat(MinerApiInfo.parse("t:/ip6/::1/tcp/2345/http").rpcUri().getPort()).isEqualTo(2345);
    }

    @Test
    void aMissingOrMalformedValueSaysWhereToGetItWithoutPrintingTheToken() {
        assertThatThrownBy(() -> MinerApiInfo.parse(null)).hasMessageContaining("lotus-miner auth api-info --perm admin");
        assertThatThrownBy(() -> MinerApiInfo.parse("secret-token:10.0.0.5:2345"))
                .hasMessageContaining("is not <TOKEN>:/ip4/<address>/tcp/<port>/http").hasMessageNotContaining("secret-token");
        assertThatThrownBy(() -> MinerApiInfo.parse("t:/ip4/1.2.3.4/tcp/99999/http")).hasMessageContaining("port 99999");
    }
}
