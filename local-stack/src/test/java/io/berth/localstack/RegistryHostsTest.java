package io.berth.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryHostsTest {

    @Test
    void everyAccountsRegistryInEachRegionGoesToTheLocalRegistryOverPlainHttp(@TempDir Path home) throws Exception {
        String conf = Files.readString(RegistryHosts.write(home));
        assertThat(conf).contains("[[registry]]\nprefix = \"*.dkr.ecr.us-east-1.amazonaws.com\"\n"
                + "location = \"localhost:8085\"\ninsecure = true\n");
        assertThat(conf.split("\\[\\[registry]]", -1)).hasSize(RegistryHosts.REGIONS.size() + 1);
    }
}
