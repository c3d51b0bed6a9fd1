package io.berth.registry.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.registry.distribution.RegistryPath.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Registry paths are read from their end, since repository names contain slashes. */
class RegistryPathTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "'',                                              BASE,     -,                       -",
        "_catalog,                                        CATALOG,  -,                       -",
        "team/web/tags/list,                              TAGS,     team/web,                -",
        "team/web/manifests/1.0,                          MANIFEST, team/web,                1.0",
        "a/b/c/manifests/sha256:abc,                      MANIFEST, a/b/c,                   sha256:abc",
        "team/blobs/blobs/sha256:abc,                     BLOB,     team/blobs,              sha256:abc",
        "team/web/blobs/uploads/,                         UPLOADS,  team/web,                -",
        "team/web/blobs/uploads,                          UPLOADS,  team/web,                -",
        "team/web/blobs/uploads/5f3c9a1e-0000-4000-8000-000000000000, UPLOAD, team/web, 5f3c9a1e-0000-4000-8000-000000000000",
        "manifests/manifests/latest,                      MANIFEST, manifests,               latest",
    })
    void aPathNamesWhatItsEndSays(String path, Kind kind, String name, String reference) {
        assertThat(RegistryPath.parse(path)).contains(new RegistryPath(kind, name, reference));
    }

    @ParameterizedTest
    @CsvSource({"team/web", "team/web/manifests/", "team/web/manifests/a/b", "team/web/tags"})
    void aPathThatNamesNothingOfTheApiIsUnknown(String path) {
        assertThat(RegistryPath.parse(path)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"Team/web/manifests/1,false", "web/manifests/1,true", "a/manifests/1,false", "a__b/manifests/1,true"})
    void theRepositoryNameMustBeOneEcrAccepts(String path, boolean valid) {
        assertThat(RegistryPath.parse(path).orElseThrow().hasValidName()).isEqualTo(valid);
    }
}
