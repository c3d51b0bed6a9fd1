package io.berth.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryHostsTest {

    @Test
    void everyAccountsRegistryInEachRegionGoesToTheLocalRegistryOverPlainHttp(@TempDir Path home) throws Exception {
        String conf = Files.readString(RegistryHosts.write(home, StackSettings.from(Map.of(), Path.of("/srv/berth"))
                .registryLocation()));
        assertThat(conf).contains("[[registry]]\nprefix = \"*.dkr.ecr.us-east-1.amazonaws.com\"\n"
                + "location = \"localhost:8085\"\ninsecure = true\n");
        assertThat(conf.split("\\[\\[registry]]", -1)).hasSize(RegistryHosts.REGIONS.size() + 1);
    }

    @Test
    void aStackWithAPortOffsetSendsTheNamesToItsOwnRegistry(@TempDir Path home) throws Exception {
        String location = StackSettings.from(Map.of("BERTH_PORT_OFFSET", "100"), Path.of("/srv/berth"))
                .registryLocation();
        String conf = Files.readString(RegistryHosts.write(home, location));
        assertThat(conf).contains("location = \"localhost:8185\"").doesNotContain("8085");
    }
}
