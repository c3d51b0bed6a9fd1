package io.berth.registry.reset;

import io.berth.eventstore.AccountData;
import io.berth.eventstore.AccountRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What a reset of an account deletes here beside its repository streams (ADR 0034): repositories,
 * images, tags, scans, uploads and the links to blobs. Blobs are content shared by every account;
 * those no repository links any more are collected after their grace period (ADR 0022).
 */
@ApplicationScoped
public class RegistryAccountData implements AccountData {

    @Override
    public List<AccountRows> rows() {
        return List.of(
                AccountRows.byArn("image_tag_view", "repository_arn"),
                AccountRows.byArn("image_reference_view", "repository_arn"),
                AccountRows.byArn("image_scan_view", "repository_arn"),
                AccountRows.byArn("registry_repository_blob", "repository_arn"),
                AccountRows.byArn("registry_upload", "repository_arn"),
                AccountRows.byArn("lifecycle_preview", "repository_arn"),
                AccountRows.byAccount("image_view"),
                AccountRows.byAccount("repository_view"));
    }
}
